package dev.pdvault.domain.subject.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The tombstone of an erasure: the subject's data keys are destroyed, so every sealed value of the subject,
 * in events, projections and backups, is unreadable. Also the erasure's receipt.
 */
@Revision("1")
public record DataSubjectErased(SubjectId subjectId, ErasureId erasureId, List<DestroyedKey> destroyedKeys,
                                Instant requestedAt, Instant at) {
}
