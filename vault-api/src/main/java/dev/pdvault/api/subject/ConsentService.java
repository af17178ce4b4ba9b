package dev.pdvault.api.subject;

import dev.pdvault.api.keys.DataKeyStore;
import dev.pdvault.api.keys.KeyFence;
import dev.pdvault.api.keys.DataKeyRotation;
import dev.pdvault.api.keys.DataKeyUsage;
import dev.pdvault.api.policy.PolicyVersions;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.crypto.DataKey;
import dev.pdvault.crypto.KeyDestroyedException;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.CategoryDefinition;
import dev.pdvault.domain.policy.ConsentRules;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.policy.FieldBinding;
import dev.pdvault.domain.policy.FieldDefinition;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.PurposeDefinition;
import dev.pdvault.domain.subject.api.ChangeOptOut;
import dev.pdvault.domain.subject.api.CollectionId;
import dev.pdvault.domain.subject.api.CommandOutcome;
import dev.pdvault.domain.subject.api.ConsentGranted;
import dev.pdvault.domain.subject.api.GrantConsent;
import dev.pdvault.domain.subject.api.GuardianRecord;
import dev.pdvault.domain.subject.api.RefusalReason;
import dev.pdvault.domain.subject.api.SealedField;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import dev.pdvault.domain.subject.api.WithdrawConsent;
import dev.pdvault.domain.subject.api.Notice;
import dev.pdvault.domain.subject.api.NotifyRecipients;
import dev.pdvault.domain.policy.Recipient;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Consents and opt-outs. A grant is bound to the current policy version; a guardian's identity is sealed and
 * collected with it. A withdrawal or opt-out takes the subject's {@link KeyFence} exclusively, so accesses
 * that decided on the old consent finish first and every access after it commits is decided on the new one.
 */
@Service
public class ConsentService {

    public record ConsentView(String purpose, String category, boolean inForce, int policyVersion, boolean onHold,
                              boolean byGuardian) {
    }

    public record Granted(int policyVersion, Map<String, Token> guardianTokens) {
    }

    private final CommandGateway commands;
    private final Catalogue catalogue;
    private final PolicyVersions policy;
    private final DataKeyStore keyStore;
    private final DataKeys dataKeys;
    private final TokenGenerator tokens;
    private final KeyFence fence;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final DataKeyRotation rotation;
    private final DataKeyUsage usage;

    public ConsentService(CommandGateway commands, Catalogue catalogue, PolicyVersions policy, DataKeyStore keyStore,
                          DataKeys dataKeys, TokenGenerator tokens, KeyFence fence, TransactionTemplate transactions,
                          JdbcTemplate jdbc, Clock clock, DataKeyRotation rotation, DataKeyUsage usage) {
        this.rotation = rotation;
        this.usage = usage;
        this.commands = commands;
        this.catalogue = catalogue;
        this.policy = policy;
        this.keyStore = keyStore;
        this.dataKeys = dataKeys;
        this.tokens = tokens;
        this.fence = fence;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The scope a consent request names: an additional purpose, or a sensitive category for a purpose. */
    public ConsentScope scope(String purposeName, Optional<String> categoryName) {
        PurposeDefinition purpose = catalogue.purpose(purposeName).orElseThrow(() -> VaultProblem.unknown("purpose"));
        if (categoryName.isEmpty()) {
            if (purpose.basic()) {
                throw VaultProblem.of(HttpStatus.BAD_REQUEST, "consent-not-applicable", "Consent not applicable",
                        "A basic purpose rests on the contract; only additional purposes and sensitive categories"
                                + " take consent.");
            }
            return ConsentScope.of(purpose.purpose());
        }
        CategoryDefinition category = catalogue.category(categoryName.get())
                .orElseThrow(() -> VaultProblem.unknown("category"));
        if (!category.sensitive() || !category.purposes().contains(purpose.purpose())) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "consent-not-applicable", "Consent not applicable",
                    "A consent to a category is for a sensitive category, for a purpose that may use it.");
        }
        return ConsentScope.of(purpose.purpose(), category.category());
    }

    public Granted grant(Identity identity, SubjectId subject, ConsentScope scope, Map<String, String> guardian) {
        requireSubject(subject);
        Instant now = clock.instant();
        Optional<GuardianRecord> record = Optional.empty();
        Map<String, Token> issued = new LinkedHashMap<>();
        if (!guardian.isEmpty()) {
            record = Optional.of(sealGuardian(subject, guardian, issued, now));
        }
        int version = policy.changes().currentVersion();
        Optional<GuardianRecord> guardianRecord = record;
        CommandOutcome outcome = transactions.execute(tx -> {
            CommandOutcome granted = commands.sendAndWait(new GrantConsent(subject, scope, version, guardianRecord,
                    identity.caller(), now));
            // the guardian's seals count against the subject's key like any other (their nonces were drawn)
            guardianRecord.ifPresent(g -> {
                DataKeyUsage.Tally tally = new DataKeyUsage.Tally();
                g.fields().forEach(f -> tally.add(subject.value(), g.keyClass().name(), f.sealed()));
                usage.record(tally, now);
            });
            return granted;
        });
        if (!outcome.accepted()) {
            throw VaultProblem.refused(outcome.refusal().get());
        }
        return new Granted(version, issued);
    }

    private GuardianRecord sealGuardian(SubjectId subject, Map<String, String> values, Map<String, Token> issued,
                                        Instant now) {
        CategoryDefinition category = catalogue.category(ConsentGranted.GUARDIAN_CATEGORY).orElseThrow();
        Purpose purpose = new Purpose(ConsentGranted.GUARDIAN_PURPOSE);
        for (Map.Entry<String, String> e : values.entrySet()) {
            FieldDefinition def = category.field(e.getKey()).orElseThrow(() -> VaultProblem.unknown("field"));
            if (!def.accepts(e.getValue())) {
                throw VaultProblem.invalidField(def.name());
            }
        }
        DataKey key;
        try {
            KeyScope scope = new KeyScope(subject.value(), category.keyClass().name());
            key = dataKeys.unwrap(rotation.existingWithRoomFor(scope, values.size())
                    .orElseGet(() -> keyStore.getOrCreate(scope, now)));
        } catch (KeyDestroyedException e) {
            throw VaultProblem.refused(RefusalReason.SUBJECT_ERASED);
        }
        List<SealedField> sealed = new ArrayList<>(values.size());
        for (Map.Entry<String, String> e : values.entrySet()) {
            Token token = tokens.next();
            sealed.add(new SealedField(e.getKey(), token, key.seal(FieldBinding.of(category.category(), e.getKey(),
                    purpose), token.value(), e.getValue())));
            issued.put(e.getKey(), token);
        }
        return new GuardianRecord(new CollectionId(UUID.randomUUID().toString()), category.keyClass(), sealed);
    }

    public void withdraw(Identity identity, SubjectId subject, ConsentScope scope) {
        requireSubject(subject);
        CommandOutcome outcome = transactions.execute(tx -> {
            fence.beforeConsentChange(UUID.fromString(subject.value()));
            Instant now = clock.instant();
            CommandOutcome withdrawn = commands.sendAndWait(new WithdrawConsent(subject, scope, identity.caller(),
                    now));
            if (withdrawn.accepted()) {
                List<Recipient> recipients = jdbc.queryForList("SELECT DISTINCT recipient FROM share_grant"
                                + " WHERE subject_id = ? AND purpose = ? ORDER BY recipient", String.class,
                        UUID.fromString(subject.value()), scope.purpose().name()).stream().map(Recipient::new)
                        .toList();
                commands.sendAndWait(new NotifyRecipients(subject, Notice.STOP, recipients, "consent:" + scope,
                        identity.caller(), now));
            }
            return withdrawn;
        });
        if (!outcome.accepted()) {
            throw VaultProblem.refused(outcome.refusal().get());
        }
    }

    public void changeOptOut(Identity identity, SubjectId subject, OptOut optOut, boolean optedOut) {
        requireSubject(subject);
        CommandOutcome outcome = transactions.execute(tx -> {
            fence.beforeConsentChange(UUID.fromString(subject.value()));
            return commands.sendAndWait(new ChangeOptOut(subject, optOut, optedOut, identity.caller(),
                    clock.instant()));
        });
        if (!outcome.accepted()) {
            throw VaultProblem.refused(outcome.refusal().get());
        }
    }

    public List<ConsentView> consents(SubjectId subject) {
        requireSubject(subject);
        PolicyChanges changes = policy.changes();
        return jdbc.query("SELECT purpose, category, in_force, policy_version, guardian_collection IS NOT NULL"
                        + " FROM subject_consent WHERE subject_id = ? ORDER BY purpose, category", (rs, i) -> {
                    Purpose purpose = new Purpose(rs.getString(1));
                    ConsentStatus status = new ConsentStatus(rs.getBoolean(3), rs.getInt(4));
                    boolean onHold = ConsentRules.check(List.of(ConsentScope.of(purpose)),
                            Map.of(ConsentScope.of(purpose), status), changes).filter(p -> p.name().equals("ON_HOLD"))
                            .isPresent();
                    return new ConsentView(purpose.name(), rs.getString(2).isEmpty() ? null : rs.getString(2),
                            status.inForce(), status.policyVersion(), onHold, rs.getBoolean(5));
                }, UUID.fromString(subject.value()));
    }

    public List<String> optOuts(SubjectId subject) {
        return jdbc.queryForList("SELECT opt_out FROM subject_opt_out WHERE subject_id = ? ORDER BY opt_out",
                String.class, UUID.fromString(subject.value())).stream().map(s -> s.toLowerCase()).toList();
    }

    private void requireSubject(SubjectId subject) {
        if (jdbc.queryForList("SELECT 1 FROM subject_view WHERE subject_id = ?", Integer.class,
                UUID.fromString(subject.value())).isEmpty()) {
            throw VaultProblem.unknownSubject();
        }
    }
}
