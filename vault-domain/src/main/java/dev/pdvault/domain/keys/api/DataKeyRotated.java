package dev.pdvault.domain.keys.api;

import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A subject's data key of {@code keyClass} got a new primary key: values sealed from now on carry the Tink key id
 * {@code newKeyId}; the older keys stay in the keyset, so older values still open. {@code newVersion} is the
 * {@code data_key.key_version} the rotated keyset was stored as. No key material.
 */
@Revision("1")
public record DataKeyRotated(DataKeysId dataKeysId, SubjectId subjectId, KeyClass keyClass, long newVersion,
                             long newKeyId, RotationReason reason, Caller caller, Instant at) {
}
