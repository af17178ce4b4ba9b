package dev.pdvault.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.api.keys.KeyFence;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.subject.ConsentService;
import dev.pdvault.api.subject.ErasureReceipt;
import dev.pdvault.api.subject.ErasureService;
import dev.pdvault.api.subject.HistoryQuery;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.crypto.DataKey;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.DecryptionFailedException;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.MalformedSealedValueException;
import dev.pdvault.crypto.SealedValue;
import dev.pdvault.crypto.WrappedDataKey;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.FieldBinding;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.request.api.AppealAutomatedDecision;
import dev.pdvault.domain.request.api.AppealNotPossibleException;
import dev.pdvault.domain.request.api.DecisionExplanation;
import dev.pdvault.domain.request.api.DeletionGround;
import dev.pdvault.domain.request.api.FreeText;
import dev.pdvault.domain.request.api.FulfilSubjectRequest;
import dev.pdvault.domain.request.api.FulfilmentIncompleteException;
import dev.pdvault.domain.request.api.IdentityNotVerifiedException;
import dev.pdvault.domain.request.api.InvalidRequestDetailsException;
import dev.pdvault.domain.request.api.ReceiveSubjectRequest;
import dev.pdvault.domain.request.api.RefusalGround;
import dev.pdvault.domain.request.api.RefuseSubjectRequest;
import dev.pdvault.domain.request.api.RequestClosedException;
import dev.pdvault.domain.request.api.RequestDetails;
import dev.pdvault.domain.request.api.RequestId;
import dev.pdvault.domain.request.api.RequestKind;
import dev.pdvault.domain.request.api.VerifySubjectIdentity;
import dev.pdvault.domain.subject.api.SubjectId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Data-subject requests (policy: V (I)-(6)): filed for a subject, verified, then fulfilled by doing the work —
 * the decrypted export, the erasure, the consent withdrawal — or refused on one of the policy's grounds. The
 * aggregate decides every transition; this service checks the state first so that no work is done for a
 * request that cannot be fulfilled, and for an export it records the fulfilment in the transaction that read
 * the data, before the export leaves.
 */
@Service
public class SubjectRequestService {

    /** What a fulfilment may add: an outcome summary, and for an automated decision its inputs and explanation. */
    public record Fulfilment(Optional<String> outcome, List<String> inputs, Optional<String> explanation) {
    }

    /** The request after fulfilment, and for an access request the export, handed back once. */
    public record Fulfilled(RequestView request, Optional<SubjectExport> export) {
    }

    private static final String OPEN = "status IN ('RECEIVED', 'IDENTITY_VERIFIED')";
    private static final String VIEW = "SELECT request_id, subject_id, kind, details::text, status, received_by,"
            + " received_at, due_at, verification_method, verified_by, verified_at, answered_by, answered_at, outcome,"
            + " refusal_ground, refusal_note, explanation::text, tokens_exported, appealed_at FROM subject_request";

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KeyFence fence;
    private final DataKeys dataKeys;
    private final ConsentService consents;
    private final ErasureService erasures;
    private final HistoryQuery history;
    private final ObjectMapper json;
    private final Clock clock;
    private final VaultProperties.Requests settings;

    public SubjectRequestService(CommandGateway commands, JdbcTemplate jdbc, TransactionTemplate transactions,
                                 KeyFence fence, DataKeys dataKeys, ConsentService consents, ErasureService erasures,
                                 HistoryQuery history, ObjectMapper json, Clock clock, VaultProperties properties,
                                 MeterRegistry meters) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.fence = fence;
        this.dataKeys = dataKeys;
        this.consents = consents;
        this.erasures = erasures;
        this.history = history;
        this.json = json;
        this.clock = clock;
        this.settings = properties.requests();
        for (String state : List.of("overdue", "near_due", "on_time")) {
            Gauge.builder("vault.subject_requests.open", () -> openCount(state))
                    .description("Open data-subject requests, by how near their due date they are")
                    .tag("state", state).register(meters);
        }
    }

    /** Files a request; past the repetition limit it is recorded and refused at once. */
    public RequestView file(Identity identity, SubjectId subject, RequestKind kind, Optional<String> deletionGround,
                            Optional<String> purpose, Optional<String> category, Optional<String> decisionReference) {
        requireSubject(subject);
        if (deletionGround.isPresent() != (kind == RequestKind.DELETION)
                || purpose.isPresent() != (kind == RequestKind.CONSENT_WITHDRAWAL)
                || (category.isPresent() && kind != RequestKind.CONSENT_WITHDRAWAL)
                || decisionReference.isPresent() != (kind == RequestKind.AUTOMATED_DECISION_EXPLANATION)) {
            throw RequestProblems.detailsMismatch();
        }
        RequestDetails details = switch (kind) {
            case DELETION -> RequestDetails.deletion(
                    RequestProblems.parse(DeletionGround.class, deletionGround.get(), "deletion-ground"));
            case CONSENT_WITHDRAWAL -> RequestDetails.withdrawal(consents.scope(purpose.get(), category));
            case AUTOMATED_DECISION_EXPLANATION -> {
                if (!FreeText.isReference(decisionReference.get())) {
                    throw RequestProblems.invalid("decision-reference");
                }
                yield RequestDetails.decision(decisionReference.get());
            }
            default -> RequestDetails.NONE;
        };
        Instant now = clock.instant();
        RequestId id = new RequestId(UUID.randomUUID().toString());
        int earlier = jdbc.queryForObject("SELECT count(*) FROM subject_request WHERE subject_id = ? AND kind = ?"
                        + " AND received_at > ?", Integer.class, UUID.fromString(subject.value()), kind.name(),
                Timestamp.from(now.minus(settings.repetitionWindow())));
        run(() -> commands.sendAndWait(new ReceiveSubjectRequest(id, subject, kind, details, earlier,
                settings.repetitionLimit(), identity.caller(), now)));
        return find(id);
    }

    public RequestView verify(Identity identity, RequestId id, String method) {
        find(id);
        VerifySubjectIdentity command = new VerifySubjectIdentity(id, method, identity.caller(), clock.instant());
        run(() -> commands.sendAndWait(command));
        return find(id);
    }

    public RequestView refuse(Identity identity, RequestId id, RefusalGround ground, String note) {
        find(id);
        RefuseSubjectRequest command = new RefuseSubjectRequest(id, ground, note, identity.caller(), clock.instant());
        run(() -> commands.sendAndWait(command));
        return find(id);
    }

    public RequestView appeal(Identity identity, RequestId id) {
        find(id);
        run(() -> commands.sendAndWait(new AppealAutomatedDecision(id, identity.caller(), clock.instant())));
        return find(id);
    }

    /**
     * Does what the request asks, then records it fulfilled. Checked first against the projection, so that
     * nothing is erased or withdrawn for a request that is unverified or already answered; the aggregate checks
     * again when the fulfilment is recorded.
     */
    public Fulfilled fulfil(Identity identity, RequestId id, Fulfilment fulfilment) {
        RequestView request = find(id);
        if (!request.open()) {
            throw RequestProblems.requestClosed();
        }
        if (!"IDENTITY_VERIFIED".equals(request.status())) {
            throw RequestProblems.identityNotVerified();
        }
        RequestKind kind = RequestKind.valueOf(request.kind());
        SubjectId subject = new SubjectId(request.subjectId());
        Optional<String> given = fulfilment.outcome();
        if (given.isPresent() && !FreeText.isValid(given.get(), 300)) {
            throw RequestProblems.invalid("outcome");
        }
        Optional<DecisionExplanation> explanation = Optional.empty();
        if (kind == RequestKind.AUTOMATED_DECISION_EXPLANATION) {
            if (fulfilment.inputs().isEmpty() || fulfilment.explanation().isEmpty()) {
                throw RequestProblems.explanationRequired();
            }
            explanation = Optional.of(new DecisionExplanation(fulfilment.inputs(), fulfilment.explanation().get()));
        } else if (!fulfilment.inputs().isEmpty() || fulfilment.explanation().isPresent()) {
            throw RequestProblems.detailsMismatch();
        }
        if (kind == RequestKind.ACCESS_EXPORT) {
            SubjectExport export = run(() -> transactions.execute(tx -> exportAndRecord(identity, id, subject, given)));
            return new Fulfilled(find(id), Optional.of(export));
        }
        String outcome = switch (kind) {
            case CORRECTION -> "corrections applied through the token correction path";
            case DELETION, ACCOUNT_CANCELLATION -> {
                ErasureReceipt receipt = erasures.erase(identity.caller(), subject);
                yield (kind == RequestKind.ACCOUNT_CANCELLATION ? "account cancelled: " : "")
                        + "subject erased, erasure " + receipt.erasureId() + ", " + receipt.destroyedKeys().size()
                        + " keys destroyed";
            }
            case CONSENT_WITHDRAWAL -> {
                ConsentScope scope = scopeOf(request.details());
                consents.withdraw(identity, subject, scope);
                yield "consent withdrawn: " + scope.purpose().name()
                        + scope.category().map(c -> " / " + c.name()).orElse("");
            }
            case AUTOMATED_DECISION_EXPLANATION -> "decision explained";
            case ACCESS_EXPORT -> throw new IllegalStateException();
        };
        String summary = outcome + given.map(g -> ": " + g).orElse("");
        FulfilSubjectRequest command = new FulfilSubjectRequest(id, summary, Optional.empty(), explanation,
                identity.caller(), clock.instant());
        run(() -> commands.sendAndWait(command));
        return new Fulfilled(find(id), Optional.empty());
    }

    /**
     * Reads and opens everything under the subject's fence (shared, like an access: an erasure waits for it, and
     * it sees an erasure committed before it), records the export and the fulfilment, and returns the export only
     * from inside the transaction that commits them.
     */
    private SubjectExport exportAndRecord(Identity identity, RequestId id, SubjectId subject, Optional<String> given) {
        UUID subjectUuid = UUID.fromString(subject.value());
        fence.beforeAccess(List.of(subjectUuid));
        Instant now = clock.instant();
        Map<String, WrappedDataKey> keys = new HashMap<>();
        jdbc.query("SELECT key_class, key_version, kek_version, wrapped FROM data_key WHERE subject_id = ?", rs -> {
            byte[] wrapped = rs.getBytes(4);
            if (wrapped != null) {
                String keyClass = rs.getString(1);
                keys.put(keyClass, new WrappedDataKey(new KeyScope(subject.value(), keyClass), rs.getLong(2),
                        rs.getString(3), wrapped));
            }
        }, subjectUuid);
        List<SubjectExport.Value> data = new ArrayList<>();
        jdbc.query("SELECT token, category, field, purpose, key_class, sealed, status, collected_at, corrected_at"
                + " FROM token_ref WHERE subject_id = ? ORDER BY collected_at, category, field, token", rs -> {
            String token = rs.getString(1);
            byte[] sealed = rs.getBytes(6);
            WrappedDataKey key = keys.get(rs.getString(5));
            String state;
            String value;
            if (sealed == null || key == null || "ERASED".equals(rs.getString(7))) {
                state = "ERASED";
                value = HistoryQuery.ERASED;
            } else {
                DataKey open = dataKeys.unwrap(key);
                try {
                    value = open.openString(FieldBinding.of(new Category(rs.getString(2)), rs.getString(3),
                            new Purpose(rs.getString(4))), token, new SealedValue(sealed));
                    state = "AVAILABLE";
                } catch (DecryptionFailedException | MalformedSealedValueException e) {
                    state = "UNREADABLE";
                    value = "[unreadable]";
                }
            }
            data.add(new SubjectExport.Value(token, rs.getString(2), rs.getString(3), rs.getString(4),
                    instant(rs, 8), instant(rs, 9), state, value));
        }, subjectUuid);
        SubjectExport.Subject registered = jdbc.queryForObject("SELECT region, age_band, status, registered_at,"
                + " erased_at FROM subject_view WHERE subject_id = ?", (rs, i) -> new SubjectExport.Subject(
                rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5)), subjectUuid);
        List<SubjectExport.Password> passwords = jdbc.query("SELECT status = 'ACTIVE', last_set_at FROM credential_ref"
                + " WHERE subject_id = ?", (rs, i) -> new SubjectExport.Password(rs.getBoolean(1), instant(rs, 2)),
                subjectUuid);
        SubjectExport export = new SubjectExport(subject.value(), id.value(), now, registered, data,
                passwords.isEmpty() ? new SubjectExport.Password(false, null) : passwords.get(0),
                consents.consents(subject), consents.optOuts(subject), history.history(subject));
        String summary = "export of " + data.size() + " values handed to the officer" + given.map(g -> ": " + g)
                .orElse("");
        commands.sendAndWait(new FulfilSubjectRequest(id, summary, Optional.of(data.size()), Optional.empty(),
                identity.caller(), now));
        return export;
    }

    public RequestView find(RequestId id) {
        List<RequestView> found = jdbc.query(VIEW + " WHERE request_id = ?", view(clock.instant()),
                UUID.fromString(id.value()));
        if (found.isEmpty()) {
            throw RequestProblems.unknownRequest();
        }
        return found.get(0);
    }

    /** Open requests, by due date: all of them, the overdue ones, or those due within the near-due period. */
    public List<RequestView> open(Optional<String> due) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        String sql = VIEW + " WHERE " + OPEN;
        List<Object> args = new ArrayList<>();
        if (due.isPresent()) {
            switch (due.get()) {
                case "overdue" -> {
                    sql += " AND due_at <= ?";
                    args.add(at);
                }
                case "near" -> {
                    sql += " AND due_at > ? AND due_at <= ?";
                    args.add(at);
                    args.add(Timestamp.from(now.plus(settings.nearDue())));
                }
                default -> throw RequestProblems.invalid("due-filter");
            }
        }
        return jdbc.query(sql + " ORDER BY due_at, request_id", view(now), args.toArray());
    }

    private int openCount(String state) {
        Instant now = clock.instant();
        String condition = switch (state) {
            case "overdue" -> "due_at <= ?";
            case "near_due" -> "due_at > ? AND due_at <= ?";
            default -> "due_at > ?";
        };
        Timestamp at = Timestamp.from(now);
        Timestamp near = Timestamp.from(now.plus(settings.nearDue()));
        Object[] args = switch (state) {
            case "overdue" -> new Object[]{at};
            case "near_due" -> new Object[]{at, near};
            default -> new Object[]{near};
        };
        Integer count = jdbc.queryForObject("SELECT count(*) FROM subject_request WHERE " + OPEN + " AND "
                + condition, Integer.class, args);
        return count == null ? 0 : count;
    }

    private RowMapper<RequestView> view(Instant now) {
        Instant near = now.plus(settings.nearDue());
        return (rs, i) -> {
            String status = rs.getString(5);
            Instant dueAt = instant(rs, 8);
            boolean open = "RECEIVED".equals(status) || "IDENTITY_VERIFIED".equals(status);
            String due = !open ? null : !dueAt.isAfter(now) ? "overdue" : !dueAt.isAfter(near) ? "near_due"
                    : "on_time";
            RequestView.Verification verification = rs.getString(9) == null ? null
                    : new RequestView.Verification(rs.getString(9), rs.getString(10), instant(rs, 11));
            RequestView.Answer answer = rs.getString(12) == null ? null : new RequestView.Answer(rs.getString(12),
                    instant(rs, 13), rs.getString(14), rs.getString(15), rs.getString(16), tree(rs.getString(17)),
                    (Integer) rs.getObject(18));
            return new RequestView(rs.getString(1), rs.getString(2), rs.getString(3), tree(rs.getString(4)), status,
                    rs.getString(6), instant(rs, 7), dueAt, due, verification, answer, instant(rs, 19));
        };
    }

    private ConsentScope scopeOf(JsonNode details) {
        Purpose purpose = new Purpose(details.path("purpose").asText());
        return details.hasNonNull("category") ? ConsentScope.of(purpose, new Category(details.get("category").asText()))
                : ConsentScope.of(purpose);
    }

    private void requireSubject(SubjectId subject) {
        if (jdbc.queryForList("SELECT 1 FROM subject_view WHERE subject_id = ?", Integer.class,
                UUID.fromString(subject.value())).isEmpty()) {
            throw VaultProblem.unknownSubject();
        }
    }

    /** Runs a command, turning the aggregate's refusals into their problems. */
    private static <T> T run(Supplier<T> command) {
        try {
            return command.get();
        } catch (IdentityNotVerifiedException e) {
            throw RequestProblems.identityNotVerified();
        } catch (RequestClosedException e) {
            throw RequestProblems.requestClosed();
        } catch (AppealNotPossibleException e) {
            throw RequestProblems.appealNotPossible();
        } catch (InvalidRequestDetailsException | FulfilmentIncompleteException e) {
            throw RequestProblems.detailsMismatch();
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable request details", e);
        }
    }
}
