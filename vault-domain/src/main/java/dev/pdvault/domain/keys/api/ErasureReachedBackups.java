package dev.pdvault.domain.keys.api;

import dev.pdvault.domain.subject.api.ErasureId;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The erasure reached backups: no KEK version that ever wrapped one of the subject's destroyed data keys exists
 * any more, so no backup taken before the erasure can be read for this subject with any key the vault holds.
 */
@Revision("1")
public record ErasureReachedBackups(String ring, SubjectId subjectId, ErasureId erasureId,
                                    List<KekVersion> kekVersionsDestroyed, Instant at) {

    public ErasureReachedBackups {
        kekVersionsDestroyed = List.copyOf(kekVersionsDestroyed);
    }
}
