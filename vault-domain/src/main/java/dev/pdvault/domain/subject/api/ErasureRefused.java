package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An erasure request that was refused, with the reason. */
@Revision("1")
public record ErasureRefused(SubjectId subjectId, ErasureId erasureId, RefusalReason reason, Caller caller,
                             Instant at) {
}
