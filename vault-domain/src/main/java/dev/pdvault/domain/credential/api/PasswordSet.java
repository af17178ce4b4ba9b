package dev.pdvault.domain.credential.api;

import dev.pdvault.crypto.SealedValue;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The subject's password is from now on the one whose hash this is; a later one replaces it. The hash
 * (Argon2id, PHC string with its salt) is sealed under the subject's key of the {@link #CATEGORY} category's
 * key class, so erasing the subject makes it unreadable like every other value. It never has a token.
 */
@Revision("1")
public record PasswordSet(CredentialId credentialId, SubjectId subjectId, SealedValue sealedHash, Caller caller,
                          Instant at) {

    /** The catalogue category, field and purpose the sealed hash is bound to (its associated data). */
    public static final String CATEGORY = "membership";
    public static final String FIELD = "password";
    public static final String PURPOSE = "membership";
}
