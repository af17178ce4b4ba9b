package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A collection was refused; nothing of its data was kept. */
@Revision("1")
public record CollectionRefused(SubjectId subjectId, CollectionId collectionId, Category category, Purpose purpose,
                                RefusalReason reason, Caller caller, Instant at) {
}
