package dev.pdvault.domain.subject.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The tombstone of an erasure: the subject's data keys are destroyed, so every sealed value under them, in
 * events, projections and backups, is unreadable; key classes the law requires to keep are retained until
 * their deadline and shredded then ({@link RetainedDataShredded}). Also the erasure's receipt.
 */
@Revision("1")
public record DataSubjectErased(SubjectId subjectId, ErasureId erasureId, List<DestroyedKey> destroyedKeys,
                                List<RetainedData> retained, Instant requestedAt, Instant at) {
}
