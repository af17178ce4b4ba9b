package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A transfer was refused for the reason named; nothing was transferred, for any subject.
 *
 * @param subjects        the known subjects the request named
 * @param refusedSubjects those of them that made it fail (no consent, erased), when the reason is theirs
 * @param unknownSubjects ids the vault does not know
 */
@Revision("1")
public record TransferRefused(DisclosureId transferId, Caller caller, Organisation organisation, TransferBasis basis,
                              Optional<LegalBasis> legalBasis, Optional<String> reference,
                              boolean successorBoundByPolicy, DenialReason reason, List<SubjectId> subjects,
                              List<SubjectId> refusedSubjects, List<SubjectId> unknownSubjects, Instant at) {
}
