package dev.pdvault.api.credential;

import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.api.keys.DataKeyRotation;
import dev.pdvault.api.keys.DataKeyStore;
import dev.pdvault.api.keys.DataKeyUsage;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.crypto.CryptoException;
import dev.pdvault.crypto.DataKey;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyDestroyedException;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.SealedValue;
import dev.pdvault.crypto.WrappedDataKey;
import dev.pdvault.domain.credential.api.CredentialId;
import dev.pdvault.domain.credential.api.PasswordSet;
import dev.pdvault.domain.credential.api.RecordPasswordVerification;
import dev.pdvault.domain.credential.api.SetPassword;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.CategoryDefinition;
import dev.pdvault.domain.policy.FieldBinding;
import dev.pdvault.domain.policy.FieldDefinition;
import dev.pdvault.domain.policy.FieldType;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.subject.api.RefusalReason;
import dev.pdvault.domain.subject.api.SubjectId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Passwords are held only as a one-way Argon2id hash (with its salt, in PHC form), and the hash itself only
 * sealed under the subject's key of the membership category's key class: erasure shreds it with the rest. The
 * hash is computed here, in the request; commands and events carry only its sealed form. The hash has no
 * token, so no detokenization can return it: it is opened only here, to verify a candidate password.
 */
@Service
public class PasswordService {

    private static final Logger log = LoggerFactory.getLogger(PasswordService.class);

    /** The shortest password accepted; the longest is the catalogue field's {@code maxLength}. */
    public static final int MIN_LENGTH = 8;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final CommandGateway commands;
    private final DataKeyStore keyStore;
    private final DataKeys dataKeys;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Argon2PasswordEncoder encoder;
    private final KeyClass keyClass;
    private final String binding;
    private final int maxLength;
    private final Counter sets;
    private final DataKeyUsage usage;
    private final DataKeyRotation rotation;
    private final TransactionTemplate transactions;

    public PasswordService(CommandGateway commands, Catalogue catalogue, DataKeyStore keyStore, DataKeys dataKeys,
                           JdbcTemplate jdbc, Clock clock, MeterRegistry meters, VaultProperties properties,
                           DataKeyUsage usage, DataKeyRotation rotation, TransactionTemplate transactions) {
        this.usage = usage;
        this.rotation = rotation;
        this.transactions = transactions;
        this.commands = commands;
        this.keyStore = keyStore;
        this.dataKeys = dataKeys;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        VaultProperties.Passwords cost = properties.passwords();
        this.encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, cost.parallelism(), cost.memoryKib(),
                cost.iterations());
        CategoryDefinition category = catalogue.category(PasswordSet.CATEGORY).orElseThrow(() ->
                new IllegalStateException("the catalogue lacks the category '" + PasswordSet.CATEGORY + "'"));
        FieldDefinition field = category.field(PasswordSet.FIELD).filter(f -> f.type() == FieldType.PASSWORD)
                .orElseThrow(() -> new IllegalStateException("the catalogue lacks the field '" + PasswordSet.CATEGORY
                        + "." + PasswordSet.FIELD + "' of type PASSWORD"));
        this.keyClass = category.keyClass();
        this.binding = FieldBinding.of(category.category(), field.name(), Purpose.of(PasswordSet.PURPOSE));
        this.maxLength = field.maxLength();
        this.sets = meters.counter("vault.password.sets");
    }

    /** Sets or replaces the subject's password: hashed, sealed, recorded. Nothing is stored if it is refused. */
    public void set(Identity identity, SubjectId subject, String password) {
        requireLength(password);
        switch (subjectStatus(subject)) {
            case "ERASED" -> throw VaultProblem.refused(RefusalReason.SUBJECT_ERASED);
            case "ERASURE_REQUESTED" -> throw VaultProblem.refused(RefusalReason.ERASURE_IN_PROGRESS);
            default -> {
            }
        }
        Instant now = clock.instant();
        DataKey key;
        try {
            key = dataKeys.unwrap(rotation.existingWithRoomFor(scope(subject), 1)
                    .orElseGet(() -> keyStore.getOrCreate(scope(subject), now)));
        } catch (KeyDestroyedException e) {
            throw VaultProblem.refused(RefusalReason.SUBJECT_ERASED);
        }
        CredentialId credential = CredentialId.of(subject);
        SealedValue sealedHash = key.seal(binding, credential.value(), encoder.encode(password));
        transactions.executeWithoutResult(tx -> {
            commands.sendAndWait(new SetPassword(subject, sealedHash, identity.caller(), now));
            usage.record(new DataKeyUsage.Tally().add(subject.value(), keyClass.name(), sealedHash), now);
        });
        sets.increment();
    }

    /**
     * Whether the password is the subject's; the outcome is recorded as an event before it is answered.
     * Answers 404 for an unknown subject or one without a password, 410 once the subject is erased.
     */
    public boolean verify(Identity identity, SubjectId subject, String password) {
        requireLength(password);
        if ("ERASED".equals(subjectStatus(subject))) {
            count("refused");
            throw VaultProblem.refused(RefusalReason.SUBJECT_ERASED);
        }
        CredentialId credential = CredentialId.of(subject);
        List<Optional<byte[]>> rows = jdbc.query("SELECT sealed FROM credential_ref WHERE credential_id = ?",
                (rs, i) -> Optional.ofNullable(rs.getBytes(1)), credential.value());
        if (rows.isEmpty()) {
            throw PasswordProblems.noPassword();
        }
        byte[] sealed = rows.get(0).orElse(null);
        WrappedDataKey wrapped;
        try {
            wrapped = keyStore.existing(scope(subject)).orElse(null);
        } catch (KeyDestroyedException e) {
            wrapped = null;
        }
        if (sealed == null || wrapped == null) {
            count("refused");
            throw VaultProblem.refused(RefusalReason.SUBJECT_ERASED);
        }
        String hash;
        try {
            hash = dataKeys.unwrap(wrapped).openString(binding, credential.value(), new SealedValue(sealed));
        } catch (CryptoException e) {
            log.error("A sealed password hash did not open: subject {}, {}", subject, e.getClass().getSimpleName());
            count("integrity_failure");
            throw PasswordProblems.integrityFailure();
        }
        boolean verified = encoder.matches(password, hash);
        commands.sendAndWait(new RecordPasswordVerification(subject, verified, identity.caller(), clock.instant()));
        count(verified ? "verified" : "failed");
        return verified;
    }

    private void requireLength(String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > maxLength) {
            throw PasswordProblems.invalidPassword(MIN_LENGTH, maxLength);
        }
    }

    private String subjectStatus(SubjectId subject) {
        List<String> status = jdbc.queryForList("SELECT status FROM subject_view WHERE subject_id = ?", String.class,
                UUID.fromString(subject.value()));
        if (status.isEmpty()) {
            throw VaultProblem.unknownSubject();
        }
        return status.get(0);
    }

    private KeyScope scope(SubjectId subject) {
        return new KeyScope(subject.value(), keyClass.name());
    }

    private void count(String outcome) {
        meters.counter("vault.password.verifications", "outcome", outcome).increment();
    }
}
