package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.KeyClass;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** Shredding that was due was refused because of legal holds; it happens when the last one is released. */
@Revision("1")
public record ShreddingRefused(SubjectId subjectId, List<KeyClass> due, List<HoldId> holds, Instant at) {
}
