package dev.pdvault.projections.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.subject.api.DestroyedKey;
import dev.pdvault.domain.subject.api.HoldId;
import dev.pdvault.domain.subject.api.LegalHoldPlaced;
import dev.pdvault.domain.subject.api.LegalHoldReleased;
import dev.pdvault.domain.subject.api.RecipientsNotified;
import dev.pdvault.domain.subject.api.RetainedDataShredded;
import dev.pdvault.domain.subject.api.ShreddingRefused;
import dev.pdvault.domain.subject.api.TransactionCompleted;
import dev.pdvault.domain.access.api.CrossBorderTransferRecorded;
import dev.pdvault.domain.access.api.PersonalDataShared;
import dev.pdvault.domain.access.api.ShareRefused;
import dev.pdvault.domain.disclosure.api.PersonalDataPubliclyDisclosed;
import dev.pdvault.domain.disclosure.api.PersonalDataTransferred;
import dev.pdvault.domain.disclosure.api.PublicDisclosureRefused;
import dev.pdvault.domain.disclosure.api.TransferRefused;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.subject.api.ConsentGranted;
import dev.pdvault.domain.subject.api.ConsentRefused;
import dev.pdvault.domain.subject.api.ConsentWithdrawn;
import dev.pdvault.domain.subject.api.OptedBackIn;
import dev.pdvault.domain.subject.api.OptedOut;
import dev.pdvault.domain.access.api.DetokenizationRefused;
import dev.pdvault.domain.access.api.PersonalDataDetokenized;
import dev.pdvault.domain.credential.api.PasswordSet;
import dev.pdvault.domain.credential.api.PasswordVerificationFailed;
import dev.pdvault.domain.credential.api.PasswordVerified;
import dev.pdvault.domain.subject.api.CollectionRefused;
import dev.pdvault.domain.subject.api.CorrectionRefused;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.DataSubjectRegistered;
import dev.pdvault.domain.subject.api.ErasureRefused;
import dev.pdvault.domain.subject.api.ErasureRequested;
import dev.pdvault.domain.subject.api.PersonalDataCollected;
import dev.pdvault.domain.subject.api.PersonalDataCorrected;
import dev.pdvault.domain.subject.api.SealedField;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.request.api.AutomatedDecisionAppealed;
import dev.pdvault.domain.request.api.RequestId;
import dev.pdvault.domain.request.api.SubjectDataExported;
import dev.pdvault.domain.request.api.SubjectIdentityVerified;
import dev.pdvault.domain.request.api.SubjectRequestFulfilled;
import dev.pdvault.domain.request.api.SubjectRequestReceived;
import dev.pdvault.domain.request.api.SubjectRequestRefused;
import dev.pdvault.projections.BatchedWriter;
import dev.pdvault.projections.requests.RequestProjection;
import dev.pdvault.projections.Projection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Every event that concerns a subject, in the order it happened, as a summary that names fields and tokens
 * but never holds a value, sealed or not. Accesses, the most frequent events by far, are indexed only:
 * one narrow {@code access_ref} row per access, naming the subjects it touched in an array that a GIN index
 * finds by subject, and the history reads the access event itself, showing each subject only its own tokens.
 * Transfers and public disclosures are indexed the same way.
 */
@ProcessingGroup(TimelineProjection.NAME)
public class TimelineProjection implements Projection {

    public static final String NAME = "timeline";
    public static final String TABLE = "subject_timeline";
    public static final String ACCESS_TABLE = "access_ref";

    private final BatchedWriter writer;
    /**
     * The access rows on a writer of their own: they are plain inserts into a table no other statement here reads
     * or writes, so batching them apart from the timeline's inserts changes nothing but the number of batches
     * when accesses and other events alternate (as they do in a group commit or a replay).
     */
    private final BatchedWriter accessWriter;
    private final ObjectMapper json;

    public TimelineProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.writer = new BatchedWriter(jdbc);
        this.accessWriter = new BatchedWriter(jdbc);
        this.json = json;
    }

    @EventHandler
    void on(DataSubjectRegistered e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("region", e.region().code());
        s.put("ageBand", e.ageBand().name());
        e.birthDate().ifPresent(f -> s.put("fields", fields(List.of(f))));
        insert(e.subjectId(), eventId, "DataSubjectRegistered", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(PersonalDataCollected e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("collectionId", e.collectionId().value());
        s.put("category", e.category().name());
        s.put("purpose", e.purpose().name());
        s.put("source", e.source().name());
        s.put("keyClass", e.keyClass().name());
        s.put("fields", fields(e.fields()));
        insert(e.subjectId(), eventId, "PersonalDataCollected", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(CollectionRefused e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("collectionId", e.collectionId().value());
        s.put("category", e.category().name());
        s.put("purpose", e.purpose().name());
        s.put("reason", e.reason().name());
        insert(e.subjectId(), eventId, "CollectionRefused", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(PersonalDataCorrected e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("fields", List.of(Map.of("field", e.field(), "token", e.token().value())));
        insert(e.subjectId(), eventId, "PersonalDataCorrected", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(CorrectionRefused e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("token", e.token().value());
        s.put("reason", e.reason().name());
        insert(e.subjectId(), eventId, "CorrectionRefused", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(ErasureRequested e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("erasureId", e.erasureId().value());
        insert(e.subjectId(), eventId, "ErasureRequested", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(ErasureRefused e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("erasureId", e.erasureId().value());
        s.put("reason", e.reason().name());
        insert(e.subjectId(), eventId, "ErasureRefused", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(DataSubjectErased e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("erasureId", e.erasureId().value());
        s.put("destroyedKeys", keys(e.destroyedKeys()));
        s.put("retained", e.retained().stream().map(r -> {
            Map<String, Object> m = summary();
            m.put("keyClass", r.keyClass().name());
            m.put("until", r.until().map(Instant::toString).orElse(null));
            return m;
        }).toList());
        insert(e.subjectId(), eventId, "DataSubjectErased", null, e.at(), s);
    }

    private static List<Map<String, Object>> keys(List<DestroyedKey> keys) {
        return keys.stream().map(k -> Map.<String, Object>of("keyClass", k.keyClass().name(),
                "keyVersion", k.keyVersion(), "kekVersion", k.kekVersion(),
                "destroyedAt", k.destroyedAt().toString())).toList();
    }

    @EventHandler
    void on(RetainedDataShredded e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("destroyedKeys", keys(e.destroyedKeys()));
        insert(e.subjectId(), eventId, "RetainedDataShredded", null, e.at(), s);
    }

    @EventHandler
    void on(TransactionCompleted e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("collectionId", e.collectionId().value());
        insert(e.subjectId(), eventId, "TransactionCompleted", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(LegalHoldPlaced e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("holdId", e.holdId().value());
        s.put("reference", e.reference());
        insert(e.subjectId(), eventId, "LegalHoldPlaced", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(LegalHoldReleased e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("holdId", e.holdId().value());
        insert(e.subjectId(), eventId, "LegalHoldReleased", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(ShreddingRefused e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("due", e.due().stream().map(KeyClass::name).toList());
        s.put("holds", e.holds().stream().map(HoldId::value).toList());
        insert(e.subjectId(), eventId, "ShreddingRefused", null, e.at(), s);
    }

    @EventHandler
    void on(RecipientsNotified e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("notice", e.notice().name());
        s.put("recipients", e.recipients().stream().map(Recipient::name).toList());
        s.put("reference", e.reference());
        insert(e.subjectId(), eventId, "RecipientsNotified", null, e.at(), s);
    }

    /** Names the credential only: the sealed hash stays out of the timeline like every other value. */
    @EventHandler
    void on(PasswordSet e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("credentialId", e.credentialId().value());
        insert(e.subjectId(), eventId, "PasswordSet", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(PasswordVerified e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("credentialId", e.credentialId().value());
        insert(e.subjectId(), eventId, "PasswordVerified", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(PasswordVerificationFailed e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("credentialId", e.credentialId().value());
        insert(e.subjectId(), eventId, "PasswordVerificationFailed", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(PersonalDataDetokenized e, @MessageIdentifier String eventId) {
        accessRows(eventId, e.tokens(), e.at());
    }

    @EventHandler
    void on(DetokenizationRefused e, @MessageIdentifier String eventId) {
        accessRows(eventId, e.tokens(), e.at());
    }

    @EventHandler
    void on(PersonalDataShared e, @MessageIdentifier String eventId) {
        accessRows(eventId, e.tokens(), e.at());
    }

    @EventHandler
    void on(ShareRefused e, @MessageIdentifier String eventId) {
        accessRows(eventId, e.tokens(), e.at());
    }

    @EventHandler
    void on(CrossBorderTransferRecorded e, @MessageIdentifier String eventId) {
        subjectRows(eventId, e.subjects(), e.at());
    }

    @EventHandler
    void on(PersonalDataTransferred e, @MessageIdentifier String eventId) {
        subjectRows(eventId, e.subjects(), e.at());
    }

    /** Indexed for the known subjects only: an unknown id has no history to show it in. */
    @EventHandler
    void on(TransferRefused e, @MessageIdentifier String eventId) {
        subjectRows(eventId, e.subjects(), e.at());
    }

    @EventHandler
    void on(PersonalDataPubliclyDisclosed e, @MessageIdentifier String eventId) {
        accessRows(eventId, e.tokens(), e.at());
    }

    @EventHandler
    void on(PublicDisclosureRefused e, @MessageIdentifier String eventId) {
        accessRows(eventId, e.tokens(), e.at());
    }

    @EventHandler
    void on(ConsentGranted e, @MessageIdentifier String eventId) {
        Map<String, Object> s = scope(e.scope());
        s.put("policyVersion", e.policyVersion());
        e.guardianRecord().ifPresent(c -> s.put("guardianRecord", c.value()));
        insert(e.subjectId(), eventId, "ConsentGranted", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(ConsentWithdrawn e, @MessageIdentifier String eventId) {
        insert(e.subjectId(), eventId, "ConsentWithdrawn", e.caller().name(), e.at(), scope(e.scope()));
    }

    @EventHandler
    void on(ConsentRefused e, @MessageIdentifier String eventId) {
        Map<String, Object> s = scope(e.scope());
        s.put("reason", e.reason().name());
        insert(e.subjectId(), eventId, "ConsentRefused", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(OptedOut e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("optOut", e.optOut().name());
        insert(e.subjectId(), eventId, "OptedOut", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(OptedBackIn e, @MessageIdentifier String eventId) {
        Map<String, Object> s = summary();
        s.put("optOut", e.optOut().name());
        insert(e.subjectId(), eventId, "OptedBackIn", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(SubjectRequestReceived e, @MessageIdentifier String eventId) {
        Map<String, Object> s = request(e.requestId());
        s.put("kind", e.kind().name());
        s.putAll(RequestProjection.details(e.details()));
        s.put("dueAt", e.dueAt().toString());
        insert(e.subjectId(), eventId, "SubjectRequestReceived", e.caller().name(), e.receivedAt(), s);
    }

    @EventHandler
    void on(SubjectIdentityVerified e, @MessageIdentifier String eventId) {
        Map<String, Object> s = request(e.requestId());
        s.put("method", e.method());
        insert(e.subjectId(), eventId, "SubjectIdentityVerified", e.verifiedBy().name(), e.at(), s);
    }

    /** The export's size only: its content is never stored anywhere. */
    @EventHandler
    void on(SubjectDataExported e, @MessageIdentifier String eventId) {
        Map<String, Object> s = request(e.requestId());
        s.put("tokensExported", e.tokensExported());
        insert(e.subjectId(), eventId, "SubjectDataExported", null, e.at(), s);
    }

    @EventHandler
    void on(SubjectRequestFulfilled e, @MessageIdentifier String eventId) {
        Map<String, Object> s = request(e.requestId());
        s.put("outcome", e.outcome());
        e.explanation().ifPresent(x -> s.put("explanation", RequestProjection.explanation(x)));
        insert(e.subjectId(), eventId, "SubjectRequestFulfilled", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(SubjectRequestRefused e, @MessageIdentifier String eventId) {
        Map<String, Object> s = request(e.requestId());
        s.put("ground", e.ground().name());
        s.put("note", e.note());
        insert(e.subjectId(), eventId, "SubjectRequestRefused", e.caller().name(), e.at(), s);
    }

    @EventHandler
    void on(AutomatedDecisionAppealed e, @MessageIdentifier String eventId) {
        insert(e.subjectId(), eventId, "AutomatedDecisionAppealed", e.caller().name(), e.at(), request(e.requestId()));
    }

    private static Map<String, Object> request(RequestId requestId) {
        Map<String, Object> s = summary();
        s.put("requestId", requestId.value());
        return s;
    }

    private static Map<String, Object> scope(ConsentScope scope) {
        Map<String, Object> s = summary();
        s.put("purpose", scope.purpose().name());
        scope.category().ifPresent(c -> s.put("category", c.name()));
        return s;
    }

    /**
     * One narrow row per access, whatever the number of subjects it touched: a batch of 100 tokens of 100
     * subjects was 100 rows and 100 index entries of their own, the largest share of PostgreSQL's CPU in a
     * batch detokenization. The subjects are sorted (by their text, which is PostgreSQL's order of {@code uuid}),
     * so that replay, live writes and the V22 conversion of the former rows write identical arrays.
     */
    private void accessRows(String eventId, List<AccessedToken> tokens, Instant at) {
        accessRow(eventId, tokens.stream().map(t -> t.subjectId().value()), at);
    }

    private void subjectRows(String eventId, List<SubjectId> subjects, Instant at) {
        accessRow(eventId, subjects.stream().map(SubjectId::value), at);
    }

    private void accessRow(String eventId, Stream<String> subjects, Instant at) {
        List<String> sorted = subjects.map(s -> UUID.fromString(s).toString()).distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return;
        }
        accessWriter.insert(ACCESS_INSERT, UUID.fromString(eventId), Timestamp.from(at),
                "{" + String.join(",", sorted) + "}");
    }

    private static final BatchedWriter.Insert ACCESS_INSERT = BatchedWriter.Insert.into(ACCESS_TABLE,
            "event_id", "occurred_at", "subjects::uuid[]");

    private static final BatchedWriter.Insert INSERT = BatchedWriter.Insert.into(TABLE,
            "subject_id", "event_id", "event_type", "caller", "occurred_at", "summary::jsonb");

    private static Map<String, Object> summary() {
        return new LinkedHashMap<>();
    }

    private static List<Map<String, Object>> fields(List<SealedField> fields) {
        return fields.stream().map(f -> Map.<String, Object>of("field", f.field(), "token", f.token().value()))
                .toList();
    }

    private void insert(SubjectId subject, String eventId, String type, String caller, Instant at,
                        Map<String, Object> summary) {
        writer.insert(INSERT, row(subject, eventId, type, caller, at, summary));
    }

    private Object[] row(SubjectId subject, String eventId, String type, String caller, Instant at,
                         Map<String, Object> summary) {
        try {
            return new Object[]{UUID.fromString(subject.value()), eventId, type, caller, Timestamp.from(at),
                    json.writeValueAsString(summary)};
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a timeline summary", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table(TABLE, "subject_id, occurred_at, event_id"),
                new Table(ACCESS_TABLE, "occurred_at, event_id"));
    }

    /** Both are only ever inserted into. */
    @Override
    public List<String> bulkLoadedTables() {
        return List.of(TABLE, ACCESS_TABLE);
    }
}
