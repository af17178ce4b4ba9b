package dev.pdvault.api.disclosure;

import dev.pdvault.api.access.DetokenizeController;
import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.disclosure.api.DisclosureId;
import dev.pdvault.domain.disclosure.api.PublicDisclosureBasis;
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

/** Records that the data behind tokens may be disclosed publicly, when the policy allows it (Three (3)). */
@RestController
public class PublicDisclosureController {

    private final PublicDisclosureService disclosures;
    private final int maxTokens;

    public PublicDisclosureController(PublicDisclosureService disclosures, VaultProperties properties) {
        this.disclosures = disclosures;
        this.maxTokens = properties.limits().maxTokensPerRequest();
    }

    /**
     * @param basis      {@code CONSENT}, {@code VIOLATION_OF_RULES} or {@code LEGAL_EXCEPTION}
     * @param reference  the case's reference (a rule violation needs one)
     * @param legalBasis the legal exception and its reference, with the basis {@code LEGAL_EXCEPTION}
     */
    public record DisclosureRequest(@NotNull List<@NotNull String> tokens, @NotBlank @Size(max = 64) String basis,
                                    @Size(max = 64) String reference,
                                    @Valid DetokenizeController.LegalBasisRequest legalBasis) {
    }

    public record DisclosureResponse(String disclosureId, String basis, int tokens) {
    }

    /** The privacy officer decides on consent and rule violations; a legal identity invokes a legal exception. */
    @PostMapping("/v1/disclosures")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed({Role.PRIVACY_OFFICER, Role.LEGAL})
    public DisclosureResponse disclose(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                       @Valid @RequestBody DisclosureRequest request) {
        PublicDisclosureBasis basis = DisclosureRequests.basis(PublicDisclosureBasis.class, request.basis());
        DisclosureRequests.requireCount(request.tokens().size(), maxTokens, "token");
        List<Token> tokens;
        try {
            tokens = request.tokens().stream().distinct().map(Token::new).toList();
        } catch (MalformedTokenException e) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "malformed-token", "Malformed token",
                    "At least one token is not of the vault's token format.");
        }
        var legalBasis = DisclosureRequests.legalBasis(basis == PublicDisclosureBasis.LEGAL_EXCEPTION,
                request.legalBasis());
        var reference = DisclosureRequests.reference(request.reference());
        DisclosureId id = disclosures.disclose(identity, basis, legalBasis, reference, tokens);
        return new DisclosureResponse(id.value(), basis.name(), tokens.size());
    }
}
