package dev.pdvault.domain.subject.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** Data retained after an erasure reached its deadline and its keys were destroyed. */
@Revision("1")
public record RetainedDataShredded(SubjectId subjectId, List<DestroyedKey> destroyedKeys, Instant at) {
}
