package dev.pdvault.api.access;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.security.VolumeWatch;
import dev.pdvault.domain.subject.api.Token;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.LegalException;

/** Plaintext for tokens, for a stated purpose, when the policy allows; every request is recorded first. */
@RestController
public class DetokenizeController {

    private final DetokenizeService service;
    private final VolumeWatch volumes;

    public DetokenizeController(DetokenizeService service, VolumeWatch volumes) {
        this.service = service;
        this.volumes = volumes;
    }

    /**
     * @param legalBasis a legal exception of the policy and its reference (a case number), for identities allowed
     *                   to invoke one; it replaces consent and is shown in the subject's history
     */
    public record DetokenizeRequest(@NotNull List<@NotNull String> tokens, @NotBlank @Size(max = 64) String purpose,
                                    @Valid LegalBasisRequest legalBasis) {
        /** In a bad request the purpose and the legal reference are whatever the caller sent: redacted. */
        @Override
        public String toString() {
            return "DetokenizeRequest[" + (tokens == null ? 0 : tokens.size()) + " tokens, redacted]";
        }
    }

    public record LegalBasisRequest(@NotBlank @Size(max = 64) String exception,
                                    @NotBlank @Size(max = 64) String reference) {
        public LegalBasis toBasis() {
            LegalException exception;
            try {
                exception = LegalException.valueOf(this.exception.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw VaultProblem.unknown("legal-exception");
            }
            if (!LegalBasis.isReference(reference)) {
                throw VaultProblem.invalidField("legalBasis.reference");
            }
            return new LegalBasis(exception, reference);
        }
    }

    /** Holds plaintext: its {@code toString} is redacted so no debug log of a response can carry it. */
    public record DetokenizeResponse(Map<Token, String> values) {
        @Override
        public String toString() {
            return "DetokenizeResponse[" + values.size() + " values, redacted]";
        }
    }

    /** Every identity is admitted so that the policy decides and records each denial as an event. */
    @PostMapping("/v1/detokenize")
    @Allowed({Role.DETOKENIZER, Role.COLLECTOR, Role.PRIVACY_OFFICER, Role.AUDITOR, Role.SECURITY_OFFICER, Role.LEGAL})
    public DetokenizeResponse detokenize(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                         @Valid @RequestBody DetokenizeRequest request) {
        volumes.count(identity, (int) request.tokens().stream().distinct().count());
        return new DetokenizeResponse(service.detokenize(identity, request.purpose(), request.tokens(),
                Optional.ofNullable(request.legalBasis()).map(LegalBasisRequest::toBasis)));
    }
}
