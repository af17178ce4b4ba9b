package dev.pdvault.domain.keys.api;

import dev.pdvault.domain.subject.api.ErasureId;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Records that an erasure reached backups: every KEK version that ever wrapped one of the subject's destroyed
 * data keys ({@code kekVersionsDestroyed}) is destroyed. Refused unless the ring recorded each of them destroyed;
 * recording an erasure twice changes nothing.
 */
public record RecordErasureReachedBackups(@TargetAggregateIdentifier String ring, SubjectId subjectId,
                                          ErasureId erasureId, List<KekVersion> kekVersionsDestroyed, Instant at) {

    public RecordErasureReachedBackups {
        kekVersionsDestroyed = List.copyOf(kekVersionsDestroyed);
    }
}
