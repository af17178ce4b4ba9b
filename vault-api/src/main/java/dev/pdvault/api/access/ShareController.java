package dev.pdvault.api.access;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.subject.api.MalformedTokenException;
import dev.pdvault.domain.subject.api.Token;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/** Records that tokens were disclosed to a named recipient for a purpose, when the catalogue allows it. */
@RestController
public class ShareController {

    private final ShareService shares;
    private final int maxTokens;

    public ShareController(ShareService shares, dev.pdvault.api.config.VaultProperties properties) {
        this.shares = shares;
        this.maxTokens = properties.limits().maxTokensPerRequest();
    }

    public record ShareRequest(@NotBlank @Size(max = 64) String recipient, @NotBlank @Size(max = 64) String purpose,
                               @NotNull List<@NotNull String> tokens,
                               @Valid DetokenizeController.LegalBasisRequest legalBasis) {
    }

    public record ShareResponse(String shareId, String recipient, String purpose, String basis) {
    }

    /** Every identity is admitted so that the policy decides and records each refusal as an event. */
    @PostMapping("/v1/shares")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed({Role.DETOKENIZER, Role.COLLECTOR, Role.PRIVACY_OFFICER, Role.LEGAL})
    public ShareResponse share(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                               @Valid @RequestBody ShareRequest request) {
        if (request.tokens().isEmpty() || request.tokens().size() > maxTokens) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-token-count", "Invalid number of tokens",
                    "A request carries between 1 and " + maxTokens + " tokens.");
        }
        List<Token> tokens;
        try {
            tokens = request.tokens().stream().distinct().map(Token::new).toList();
        } catch (MalformedTokenException e) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "malformed-token", "Malformed token",
                    "At least one token is not of the vault's token format.");
        }
        ShareService.Shared shared = shares.share(identity, request.recipient(), request.purpose(), tokens,
                Optional.ofNullable(request.legalBasis()).map(DetokenizeController.LegalBasisRequest::toBasis));
        return new ShareResponse(shared.shareId().value(), request.recipient(), request.purpose(),
                shared.decision().basis().get().name());
    }
}
