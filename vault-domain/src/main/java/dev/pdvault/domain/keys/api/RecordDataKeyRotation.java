package dev.pdvault.domain.keys.api;

import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/**
 * Records that a subject's data key of one key class got a new primary key: row version {@code newVersion} of the
 * stored keyset, whose new seals carry the Tink key id {@code newKeyId}. Recording a version the history already
 * has, or an older one, changes nothing.
 */
public record RecordDataKeyRotation(SubjectId subjectId, KeyClass keyClass, long newVersion, long newKeyId,
                                    RotationReason reason, Caller caller, Instant at) {

    public RecordDataKeyRotation {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(keyClass, "keyClass");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(at, "at");
    }

    @TargetAggregateIdentifier
    public DataKeysId dataKeysId() {
        return DataKeysId.of(subjectId);
    }
}
