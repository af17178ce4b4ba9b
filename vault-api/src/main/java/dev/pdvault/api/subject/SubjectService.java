package dev.pdvault.api.subject;

import dev.pdvault.api.commit.GroupCommitException;
import dev.pdvault.api.commit.GroupCommitter;
import dev.pdvault.api.commit.UnitOfWorkTransactions;
import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.api.keys.DataKeyRotation;
import dev.pdvault.api.keys.DataKeyStore;
import dev.pdvault.api.keys.DataKeyUsage;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.crypto.DataKey;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyDestroyedException;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.SealedValue;
import dev.pdvault.crypto.WrappedDataKey;
import jakarta.annotation.PreDestroy;
import dev.pdvault.api.policy.PolicyVersions;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.ConsentRules;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.PolicyChanges;
import org.springframework.http.HttpStatus;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.CategoryDefinition;
import dev.pdvault.domain.policy.FieldBinding;
import dev.pdvault.domain.policy.FieldDefinition;
import dev.pdvault.domain.policy.FieldType;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Source;
import dev.pdvault.domain.subject.api.AgeBand;
import dev.pdvault.domain.subject.api.CollectPersonalData;
import dev.pdvault.domain.subject.api.CollectionId;
import dev.pdvault.domain.subject.api.CommandOutcome;
import dev.pdvault.domain.subject.api.CorrectPersonalData;
import dev.pdvault.domain.subject.api.DataSubjectRegistered;
import dev.pdvault.domain.subject.api.RefusalReason;
import dev.pdvault.domain.subject.api.RefuseCollection;
import dev.pdvault.domain.subject.api.Region;
import dev.pdvault.domain.subject.api.RegisterDataSubject;
import dev.pdvault.domain.subject.api.SealedField;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Registration, collection and correction. Values are validated against the catalogue and sealed here, in
 * the request; commands and everything after them only ever see sealed values. Collections are
 * group-committed: the commands of many concurrent requests run in one transaction.
 */
@Service
public class SubjectService {

    private final CommandGateway commands;
    private final Catalogue catalogue;
    private final DataKeyStore keyStore;
    private final DataKeys dataKeys;
    private final TokenGenerator tokens;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer collectTimer;
    private final VaultProperties.Collect collectSettings;
    private final GroupCommitter<CollectPersonalData, CommandOutcome> collector;
    private final PolicyVersions policy;
    private final String homeRegion;
    private final DataKeyUsage usage;
    private final DataKeyRotation rotation;
    private final UnitOfWorkTransactions transactions;

    public SubjectService(CommandGateway commands, Catalogue catalogue, DataKeyStore keyStore, DataKeys dataKeys,
                          TokenGenerator tokens, JdbcTemplate jdbc, Clock clock, MeterRegistry meters,
                          UnitOfWorkTransactions transactions, VaultProperties properties, PolicyVersions policy,
                          DataKeyUsage usage, DataKeyRotation rotation) {
        this.policy = policy;
        this.usage = usage;
        this.rotation = rotation;
        this.transactions = transactions;
        this.homeRegion = properties.region();
        this.commands = commands;
        this.catalogue = catalogue;
        this.keyStore = keyStore;
        this.dataKeys = dataKeys;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.collectTimer = Timer.builder("vault.collect.duration").description("Collection of one record")
                .register(meters);
        this.collectSettings = properties.collect();
        this.collector = new GroupCommitter<>("collect", transactions,
                batch -> {
                    List<CommandOutcome> outcomes = batch.stream()
                            .map(c -> (CommandOutcome) commands.sendAndWait(c)).toList();
                    // every seal counts, refused or not: its nonce was drawn
                    DataKeyUsage.Tally tally = new DataKeyUsage.Tally();
                    for (CollectPersonalData c : batch) {
                        c.fields().forEach(f -> tally.add(c.subjectId().value(), c.keyClass().name(), f.sealed()));
                    }
                    usage.record(tally, clock.instant());
                    return outcomes;
                },
                collectSettings.maxBatch(), collectSettings.committers(), meters, c -> 1,
                collectSettings.parallelAbove());
    }

    @PreDestroy
    void stop() {
        collector.close();
    }

    public record Registered(SubjectId subjectId, Optional<Token> birthDateToken) {
    }

    public Registered register(Identity identity, Region region, Optional<String> birthDate) {
        if (region.isMainlandChina() && !region.code().equals(homeRegion)) {
            throw VaultProblem.of(HttpStatus.UNPROCESSABLE_ENTITY, "region-not-served", "Region not served",
                    "Personal information collected in mainland China is stored in China: register this subject"
                            + " with the vault of region CN.");
        }
        SubjectId subject = new SubjectId(UUID.randomUUID().toString());
        Instant now = clock.instant();
        CategoryDefinition profile = catalogue.category(DataSubjectRegistered.BIRTH_DATE_CATEGORY)
                .orElseThrow(() -> new IllegalStateException("the catalogue lacks the profile category"));
        Optional<SealedField> sealed = Optional.empty();
        AgeBand band = AgeBand.UNKNOWN;
        if (birthDate.isPresent()) {
            FieldDefinition field = profile.field(DataSubjectRegistered.BIRTH_DATE_FIELD).orElseThrow();
            LocalDate date = field.accepts(birthDate.get()) ? LocalDate.parse(birthDate.get()) : null;
            if (date == null || date.isAfter(LocalDate.now(clock))) {
                throw VaultProblem.invalidField(DataSubjectRegistered.BIRTH_DATE_FIELD);
            }
            band = ageBand(date, LocalDate.now(clock));
            Token token = tokens.next();
            DataKey key = dataKeys.unwrap(keyStore.getOrCreate(new KeyScope(subject.value(),
                    profile.keyClass().name()), now));
            String binding = FieldBinding.of(profile.category(), field.name(),
                    new Purpose(DataSubjectRegistered.BIRTH_DATE_PURPOSE));
            sealed = Optional.of(new SealedField(field.name(), token, key.seal(binding, token.value(),
                    birthDate.get())));
        }
        RegisterDataSubject command = new RegisterDataSubject(subject, region, sealed, profile.keyClass(), band,
                identity.caller(), now);
        if (sealed.isEmpty()) {
            commands.sendAndWait(command);
        } else {
            SealedValue birth = sealed.get().sealed();
            transactions.inTransaction(() -> {
                commands.sendAndWait(command);
                usage.record(new DataKeyUsage.Tally().add(subject.value(), profile.keyClass().name(), birth), now);
                return null;
            });
        }
        meters.counter("vault.registrations").increment();
        return new Registered(subject, sealed.map(SealedField::token));
    }

    static AgeBand ageBand(LocalDate birth, LocalDate today) {
        int years = Period.between(birth, today).getYears();
        return years < 14 ? AgeBand.UNDER_14 : years < 18 ? AgeBand.FROM_14_TO_17 : AgeBand.ADULT;
    }

    public record Collected(CollectionId collectionId, Map<String, Token> tokens) {
    }

    public Collected collect(Identity identity, SubjectId subject, String categoryName, String purposeName,
                             String sourceName, Map<String, String> fields, int maxFields) {
        return collectTimer.record(() -> doCollect(identity, subject, categoryName, purposeName, sourceName, fields,
                maxFields));
    }

    private Collected doCollect(Identity identity, SubjectId subject, String categoryName, String purposeName,
                                String sourceName, Map<String, String> fields, int maxFields) {
        CategoryDefinition category = catalogue.category(categoryName)
                .orElseThrow(() -> VaultProblem.unknown("category"));
        Purpose purpose = catalogue.purpose(purposeName).orElseThrow(() -> VaultProblem.unknown("purpose")).purpose();
        if (!category.purposes().contains(purpose)) {
            throw VaultProblem.purposeNotAllowedForCategory();
        }
        Source source = Source.of(sourceName);
        if (fields.isEmpty() || fields.size() > maxFields) {
            throw VaultProblem.fieldCount(maxFields);
        }
        for (Map.Entry<String, String> e : fields.entrySet()) {
            FieldDefinition def = category.field(e.getKey()).orElseThrow(() -> VaultProblem.unknown("field"));
            if (def.type() == FieldType.PASSWORD) {
                throw VaultProblem.of(HttpStatus.BAD_REQUEST, "password-not-collectable", "Password not collectable",
                        "A password is never collected as a record: use the password endpoint,"
                                + " PUT /v1/subjects/{subjectId}/password.");
            }
            if (!def.accepts(e.getValue())) {
                throw VaultProblem.invalidField(def.name());
            }
        }
        CollectionId collectionId = new CollectionId(UUID.randomUUID().toString());
        Instant now = clock.instant();
        KeyClass keyClass = category.keyClass();
        KeyScope scope = new KeyScope(subject.value(), keyClass.name());
        DataKey key;
        try {
            WrappedDataKey wrapped = rotation.existingWithRoomFor(scope, fields.size()).orElse(null);
            if (wrapped == null) {
                requireSubject(subject);
                wrapped = keyStore.getOrCreate(scope, now);
            }
            key = dataKeys.unwrap(wrapped);
        } catch (KeyDestroyedException e) {
            commands.sendAndWait(new RefuseCollection(subject, collectionId, category.category(), purpose,
                    RefusalReason.SUBJECT_ERASED, identity.caller(), now));
            count(category.category(), "refused");
            throw VaultProblem.refused(RefusalReason.SUBJECT_ERASED);
        }
        List<SealedField> sealed = new ArrayList<>(fields.size());
        Map<String, Token> issued = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            Token token = tokens.next();
            String binding = FieldBinding.of(category.category(), e.getKey(), purpose);
            sealed.add(new SealedField(e.getKey(), token, key.seal(binding, token.value(), e.getValue())));
            issued.put(e.getKey(), token);
        }
        CommandOutcome outcome;
        try {
            List<ConsentScope> consentRequired = ConsentRules.required(catalogue.definition(purpose), category);
            // the policy's versions matter only to consents: a basic purpose of a plain category reads nothing
            outcome = collector.submit(new CollectPersonalData(subject, collectionId, category.category(), purpose,
                    source, keyClass, sealed, consentRequired,
                    consentRequired.isEmpty() ? PolicyChanges.none() : policy.changes(), identity.caller(), now),
                    collectSettings.timeout());
        } catch (GroupCommitException e) {
            count(category.category(), "not_recorded");
            throw VaultProblem.unavailable("collection-not-recorded",
                    "The collection could not be recorded, so nothing was kept. Try again later.");
        }
        if (!outcome.accepted()) {
            count(category.category(), "refused");
            throw VaultProblem.refused(outcome.refusal().get());
        }
        count(category.category(), "collected");
        return new Collected(collectionId, issued);
    }

    private void count(Category category, String outcome) {
        meters.counter("vault.collections", "category", category.name(), "outcome", outcome).increment();
    }

    /** Corrects the value behind a token, sealed for the same subject, field and token. */
    public void correct(Identity identity, Token token, String value) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT subject_id, category, field, purpose, key_class, status FROM token_ref WHERE token = ?",
                token.value());
        if (rows.isEmpty()) {
            throw VaultProblem.unknownToken();
        }
        Map<String, Object> row = rows.get(0);
        SubjectId subject = new SubjectId(row.get("subject_id").toString());
        String field = (String) row.get("field");
        CategoryDefinition category = catalogue.category((String) row.get("category")).orElseThrow();
        FieldDefinition def = category.field(field).orElseThrow();
        if (!def.accepts(value)) {
            throw VaultProblem.invalidField(field);
        }
        if ("ERASED".equals(row.get("status"))) {
            throw VaultProblem.refused(RefusalReason.SUBJECT_ERASED);
        }
        Instant now = clock.instant();
        DataKey key;
        try {
            KeyScope scope = new KeyScope(subject.value(), (String) row.get("key_class"));
            key = dataKeys.unwrap(rotation.existingWithRoomFor(scope, 1)
                    .orElseGet(() -> keyStore.getOrCreate(scope, now)));
        } catch (KeyDestroyedException e) {
            throw VaultProblem.refused(RefusalReason.SUBJECT_ERASED);
        }
        String binding = FieldBinding.of(category.category(), field, new Purpose((String) row.get("purpose")));
        CorrectPersonalData correction = new CorrectPersonalData(subject, token, field,
                key.seal(binding, token.value(), value), identity.caller(), now);
        CommandOutcome outcome = transactions.inTransaction(() -> {
            CommandOutcome o = commands.sendAndWait(correction);
            usage.record(new DataKeyUsage.Tally().add(subject.value(), (String) row.get("key_class"),
                    correction.corrected()), now);
            return o;
        });
        if (!outcome.accepted()) {
            throw VaultProblem.refused(outcome.refusal().get());
        }
    }

    private void requireSubject(SubjectId subject) {
        List<String> status = jdbc.queryForList("SELECT status FROM subject_view WHERE subject_id = ?", String.class,
                UUID.fromString(subject.value()));
        if (status.isEmpty()) {
            throw VaultProblem.unknownSubject();
        }
    }
}
