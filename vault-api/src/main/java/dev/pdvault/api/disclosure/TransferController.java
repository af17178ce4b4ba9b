package dev.pdvault.api.disclosure;

import dev.pdvault.api.access.DetokenizeController;
import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.domain.disclosure.api.Organisation;
import dev.pdvault.domain.disclosure.api.TransferBasis;
import dev.pdvault.domain.subject.api.SubjectId;
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

/** Records the transfer of subjects' personal data to another organisation, when the policy allows it (Three (2)). */
@RestController
public class TransferController {

    private final TransferService transfers;
    private final int maxSubjects;

    public TransferController(TransferService transfers, VaultProperties properties) {
        this.transfers = transfers;
        this.maxSubjects = properties.limits().maxTokensPerRequest();
    }

    /**
     * @param basis                  {@code CONSENT}, {@code MERGER_ACQUISITION_OR_BANKRUPTCY} or {@code LEGAL_EXCEPTION}
     * @param successorBoundByPolicy for a merger: the new holder is bound by this privacy policy
     * @param reference              the deal's or decision's reference (a merger needs one)
     * @param legalBasis             the legal exception and its reference, with the basis {@code LEGAL_EXCEPTION}
     */
    public record TransferRequest(@NotBlank @Size(max = 128) String organisation, @NotBlank @Size(max = 64) String basis,
                                  @NotNull List<@NotNull String> subjects, @Size(max = 64) String reference,
                                  Boolean successorBoundByPolicy,
                                  @Valid DetokenizeController.LegalBasisRequest legalBasis) {
    }

    public record TransferResponse(String transferId, String organisation, String basis, int subjects) {
    }

    /** The privacy officer decides on consent and mergers; a legal identity invokes a legal exception. */
    @PostMapping("/v1/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed({Role.PRIVACY_OFFICER, Role.LEGAL})
    public TransferResponse transfer(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                     @Valid @RequestBody TransferRequest request) {
        Organisation organisation = new Organisation(request.organisation());
        TransferBasis basis = DisclosureRequests.basis(TransferBasis.class, request.basis());
        DisclosureRequests.requireCount(request.subjects().size(), maxSubjects, "subject");
        List<SubjectId> subjects = request.subjects().stream().distinct().map(SubjectId::new).toList();
        var legalBasis = DisclosureRequests.legalBasis(basis == TransferBasis.LEGAL_EXCEPTION, request.legalBasis());
        var reference = DisclosureRequests.reference(request.reference());
        TransferService.Transferred transferred = transfers.transfer(identity, organisation, basis, legalBasis,
                reference, Boolean.TRUE.equals(request.successorBoundByPolicy()), subjects);
        return new TransferResponse(transferred.transferId().value(), organisation.name(), basis.name(),
                transferred.subjects());
    }
}
