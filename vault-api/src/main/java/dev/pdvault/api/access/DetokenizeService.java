package dev.pdvault.api.access;

import dev.pdvault.api.commit.GroupCommitException;
import dev.pdvault.api.commit.GroupCommitter;
import dev.pdvault.api.commit.UnitOfWorkTransactions;
import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.api.keys.KeyFence;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.crypto.DataKey;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.DecryptionFailedException;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.MalformedSealedValueException;
import dev.pdvault.crypto.SealedValue;
import dev.pdvault.crypto.WrappedDataKey;
import dev.pdvault.domain.access.api.AccessId;
import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.access.api.SubjectFacts;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.subject.api.Region;
import dev.pdvault.domain.subject.api.SubjectStatus;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.FieldBinding;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.subject.api.MalformedTokenException;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Detokenization, fail closed. Requests are group-committed: one transaction per batch reads the tokens, takes
 * the {@link KeyFence} of their subjects shared, then reads their data keys (so an erasure waits for in-flight
 * accesses, and an access after an erasure sees the key gone even if an unwrapped copy is cached), decides
 * each request through the
 * {@code Detokenization} aggregate, and commits every access record. Plaintext is handed back only after
 * that commit; if it fails, nothing is.
 */
@Service
public class DetokenizeService implements DisposableBean {

    private static final String TOKENS = "SELECT token, subject_id, category, field, purpose, key_class, sealed, status"
            + " FROM token_ref WHERE token = ANY(?::text[])";
    /**
     * The batch's subjects' status and region (kind S), consents (C) and opt-outs (O), and the published policy
     * versions (P), in one round trip, read after the fence. Each table is probed by its primary key once per
     * subject: the driver soon runs a prepared statement's generic plan, in which {@code subject_id = ANY(?)}
     * scanned the whole of {@code subject_view} and compared every row with every id of the batch (most of
     * PostgreSQL's CPU in a batch of 100 tokens), and a plain join with the unnested ids was planned as a hash
     * join over the whole table too. {@code OFFSET 0} keeps each lateral subquery a per-id index probe.
     */
    private static final String SUBJECT_FACTS = "SELECT v.subject_id, 'S', v.status, v.region, TRUE, 0"
            + " FROM unnest(?::uuid[]) AS s(id), LATERAL (SELECT subject_id, status, region FROM subject_view"
            + " WHERE subject_id = s.id OFFSET 0) v"
            + " UNION ALL SELECT c.subject_id, 'C', c.purpose, c.category, c.in_force, c.policy_version"
            + " FROM unnest(?::uuid[]) AS s(id), LATERAL (SELECT subject_id, purpose, category, in_force,"
            + " policy_version FROM subject_consent WHERE subject_id = s.id OFFSET 0) c"
            + " UNION ALL SELECT o.subject_id, 'O', o.opt_out, '', TRUE, 0"
            + " FROM unnest(?::uuid[]) AS s(id), LATERAL (SELECT subject_id, opt_out FROM subject_opt_out"
            + " WHERE subject_id = s.id OFFSET 0) o"
            + " UNION ALL SELECT NULL, 'P', array_to_string(affected_purposes, ','), '', major, number"
            + " FROM policy_version";

    /** What the fence-protected read of a batch's subjects found. */
    private record SubjectsAndPolicy(Map<SubjectId, SubjectFacts> subjects, PolicyChanges policy) {
    }
    private static final String KEYS = "SELECT k.subject_id, k.key_class, k.key_version, k.kek_version, k.wrapped"
            + " FROM data_key k JOIN unnest(?::uuid[], ?::text[]) AS s(subject_id, key_class)"
            + " ON k.subject_id = s.subject_id AND k.key_class = s.key_class";

    record Request(Identity identity, Purpose purpose, Optional<LegalBasis> legalBasis, List<Token> tokens,
                   AccessId accessId, Instant at) {
    }

    record Result(Decision decision, Map<Token, String> plaintext) {
    }

    /** A token as the batch found it: its target, its sealed value and its live data key (null when erased). */
    private record Row(AccessedToken target, byte[] sealed, WrappedDataKey key) {
        boolean erased() {
            return sealed == null || key == null;
        }
    }

    /** What the batch read: its tokens, the facts of their subjects, and the policy's major changes. */
    private record Lookup(Map<Token, Row> rows, Map<SubjectId, SubjectFacts> subjects, PolicyChanges policy) {
    }

    private final GroupCommitter<Request, Result> committer;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final KeyFence fence;
    private final DataKeys dataKeys;
    private final Catalogue catalogue;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer timer;
    private final VaultProperties.Detokenize settings;
    private final int maxTokens;

    public DetokenizeService(CommandGateway commands, JdbcTemplate jdbc, KeyFence fence, DataKeys dataKeys,
                             Catalogue catalogue,
                             Clock clock, MeterRegistry meters, UnitOfWorkTransactions transactions,
                             VaultProperties properties) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.fence = fence;
        this.dataKeys = dataKeys;
        this.catalogue = catalogue;
        this.clock = clock;
        this.meters = meters;
        this.settings = properties.detokenize();
        this.maxTokens = properties.limits().maxTokensPerRequest();
        this.timer = Timer.builder("vault.detokenize.duration").description("Detokenization requests")
                .register(meters);
        this.committer = new GroupCommitter<>("detokenize", transactions, this::decideAndRecord,
                settings.maxBatch(), settings.committers(), meters, r -> r.tokens().size(),
                settings.parallelAbove());
    }

    /** The plaintext of each token, in request order; or a problem naming why not. */
    public Map<Token, String> detokenize(Identity identity, String purposeName, List<String> rawTokens,
                                         Optional<LegalBasis> legalBasis) {
        Timer.Sample sample = Timer.start(meters);
        try {
            Purpose purpose = catalogue.purpose(purposeName).orElseThrow(() -> VaultProblem.unknown("purpose"))
                    .purpose();
            if (rawTokens.isEmpty() || rawTokens.size() > maxTokens) {
                throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-token-count", "Invalid number of tokens",
                        "A request carries between 1 and " + maxTokens + " tokens.");
            }
            Set<Token> tokens = new LinkedHashSet<>();
            for (String raw : rawTokens) {
                try {
                    tokens.add(new Token(raw));
                } catch (MalformedTokenException e) {
                    throw VaultProblem.of(HttpStatus.BAD_REQUEST, "malformed-token", "Malformed token",
                            "At least one token is not of the vault's token format.");
                }
            }
            Result result;
            try {
                result = committer.submit(new Request(identity, purpose, legalBasis, List.copyOf(tokens),
                        new AccessId(UUID.randomUUID().toString()), clock.instant()), settings.timeout());
            } catch (GroupCommitException e) {
                count(purpose, "not_recorded");
                throw VaultProblem.unavailable("access-not-recorded",
                        "The access could not be recorded, so no data is returned. Try again later.");
            }
            count(purpose, result.decision().allowed() ? "allowed" : result.decision().denial().get().name()
                    .toLowerCase());
            if (!result.decision().allowed()) {
                meters.counter("vault.denials", "reason", result.decision().denial().get().name().toLowerCase())
                        .increment();
                throw VaultProblem.denied(result.decision().denial().get());
            }
            return result.plaintext();
        } finally {
            sample.stop(timer);
        }
    }

    private void count(Purpose purpose, String outcome) {
        meters.counter("vault.detokenizations", "purpose", purpose.name(), "outcome", outcome).increment();
    }

    /** Runs inside the batch's transaction and unit of work ({@link UnitOfWorkTransactions}). */
    private List<Result> decideAndRecord(List<Request> batch) {
        Lookup lookup = lookup(batch);
        Map<Token, Row> rows = lookup.rows();
        List<Result> results = new ArrayList<>(batch.size());
        for (Request request : batch) {
            boolean mayOpen = request.identity().grant().permits(request.purpose());
            Map<SubjectId, SubjectFacts> subjects = new HashMap<>();
            Map<Token, Set<Purpose>> shared = request.identity().recipient().isPresent()
                    ? sharedWith(request.identity().recipient().get().name(), request.tokens()) : Map.of();
            List<TokenFacts> facts = new ArrayList<>(request.tokens().size());
            Map<Token, String> plaintext = new LinkedHashMap<>();
            for (Token token : request.tokens()) {
                Row row = rows.get(token);
                Set<Purpose> sharedFor = shared.getOrDefault(token, Set.of());
                if (row == null) {
                    facts.add(TokenFacts.unknown(token));
                } else if (row.erased()) {
                    facts.add(new TokenFacts(token, Optional.of(row.target()), TokenState.ERASED, sharedFor));
                } else if (!mayOpen) {
                    facts.add(new TokenFacts(token, Optional.of(row.target()), TokenState.AVAILABLE, sharedFor));
                } else {
                    facts.add(new TokenFacts(token, Optional.of(row.target()), open(row, token, plaintext),
                            sharedFor));
                }
                if (row != null) {
                    SubjectId subject = row.target().subjectId();
                    subjects.put(subject, lookup.subjects().get(subject));
                }
            }
            Decision decision = commands.sendAndWait(new RecordDetokenization(request.accessId(),
                    request.identity().caller(), request.identity().grant(), request.purpose(), request.legalBasis(),
                    facts, subjects, lookup.policy(), request.at()));
            results.add(new Result(decision, decision.allowed() ? plaintext : Map.of()));
        }
        return results;
    }

    /**
     * Opens one value. A value that does not open (altered, or copied from another row) is recorded as
     * unreadable; a key that cannot be unwrapped (KMS unreachable) fails the whole batch, closed.
     */
    private TokenState open(Row row, Token token, Map<Token, String> plaintext) {
        DataKey key = dataKeys.unwrap(row.key());
        AccessedToken target = row.target();
        try {
            plaintext.put(token, key.openString(FieldBinding.of(target.category(), target.field(),
                    target.collectedFor()), token.value(), new SealedValue(row.sealed())));
            return TokenState.AVAILABLE;
        } catch (DecryptionFailedException | MalformedSealedValueException e) {
            return TokenState.UNREADABLE;
        }
    }

    /**
     * Reads the batch's tokens, takes their subjects' fence, then reads their keys: in that order, so that the
     * keys come from a snapshot taken once no erasure of those subjects can still be under way.
     */
    private Lookup lookup(List<Request> batch) {
        Set<String> all = new LinkedHashSet<>();
        batch.forEach(r -> r.tokens().forEach(t -> all.add(t.value())));
        return lookup(all);
    }

    /**
     * Reads tokens, their subjects' fence, keys, consents and opt-outs, and the policy's changes, inside the
     * caller's transaction.
     */
    private Lookup lookup(Set<String> all) {
        record Found(AccessedToken target, KeyScope scope, byte[] sealed) {
        }
        List<Found> found = new ArrayList<>(all.size());
        jdbc.query(con -> {
            var ps = con.prepareStatement(TOKENS);
            ps.setObject(1, ArrayLiteral.of(all), Types.OTHER);
            return ps;
        }, rs -> {
            Token token = new Token(rs.getString(1));
            SubjectId subject = new SubjectId(rs.getString(2));
            found.add(new Found(new AccessedToken(token, subject, new Category(rs.getString(3)), rs.getString(4),
                    new Purpose(rs.getString(5))), new KeyScope(subject.value(), rs.getString(6)),
                    "ERASED".equals(rs.getString(8)) ? null : rs.getBytes(7)));
        });
        Map<Token, Row> rows = new HashMap<>(found.size() * 2);
        if (found.isEmpty()) {
            return new Lookup(rows, Map.of(), PolicyChanges.none());
        }
        fence.beforeAccess(found.stream().map(f -> UUID.fromString(f.scope().subjectId())).toList());
        SubjectsAndPolicy subjects = subjectFacts(found.stream().map(f -> f.target().subjectId())
                .collect(java.util.stream.Collectors.toSet()));
        List<KeyScope> scopes = found.stream().map(Found::scope).distinct().toList();
        Map<KeyScope, WrappedDataKey> keys = new HashMap<>(scopes.size() * 2);
        jdbc.query(con -> {
            var ps = con.prepareStatement(KEYS);
            ps.setObject(1, ArrayLiteral.of(scopes.stream().map(KeyScope::subjectId).toList()), Types.OTHER);
            ps.setObject(2, ArrayLiteral.of(scopes.stream().map(KeyScope::keyClass).toList()), Types.OTHER);
            return ps;
        }, rs -> {
            byte[] wrapped = rs.getBytes(5);
            if (wrapped != null) {
                KeyScope scope = new KeyScope(rs.getString(1), rs.getString(2));
                keys.put(scope, new WrappedDataKey(scope, rs.getLong(3), rs.getString(4), wrapped));
            }
        });
        for (Found f : found) {
            rows.put(f.target().token(), new Row(f.target(), f.sealed(), keys.get(f.scope())));
        }
        return new Lookup(rows, subjects.subjects(), subjects.policy());
    }

    /** What tokens are and what their subjects consented to, as a decision that opens no value needs them. */
    public record TokenDecisionFacts(List<TokenFacts> tokens, Map<SubjectId, SubjectFacts> subjects,
                                     PolicyChanges policy) {
    }

    /**
     * Reads the tokens, their subjects' fence, consents and opt-outs and the policy's changes, inside the caller's
     * transaction, for a decision that opens nothing (a share, a public disclosure). Each token is available or
     * erased.
     */
    public TokenDecisionFacts decisionFacts(List<Token> tokens) {
        Set<String> all = new LinkedHashSet<>();
        tokens.forEach(t -> all.add(t.value()));
        Lookup lookup = lookup(all);
        List<TokenFacts> facts = new ArrayList<>(tokens.size());
        Map<SubjectId, SubjectFacts> subjects = new HashMap<>();
        for (Token token : tokens) {
            Row row = lookup.rows().get(token);
            if (row == null) {
                facts.add(TokenFacts.unknown(token));
                continue;
            }
            facts.add(new TokenFacts(token, Optional.of(row.target()),
                    row.erased() ? TokenState.ERASED : TokenState.AVAILABLE));
            subjects.put(row.target().subjectId(), lookup.subjects().get(row.target().subjectId()));
        }
        return new TokenDecisionFacts(facts, subjects, lookup.policy());
    }

    /** The purposes each token was shared with the recipient for. */
    private Map<Token, Set<Purpose>> sharedWith(String recipient, List<Token> tokens) {
        Map<Token, Set<Purpose>> shared = new HashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement(
                    "SELECT token, purpose FROM share_grant WHERE recipient = ? AND token = ANY(?::text[])");
            ps.setString(1, recipient);
            ps.setObject(2, ArrayLiteral.of(tokens.stream().map(Token::value).toList()), Types.OTHER);
            return ps;
        }, rs -> {
            shared.computeIfAbsent(new Token(rs.getString(1)), k -> new java.util.HashSet<>())
                    .add(new Purpose(rs.getString(2)));
        });
        return shared;
    }

    /** Read after the fence: a consent withdrawal or opt-out that committed before it is seen. */
    private SubjectsAndPolicy subjectFacts(Set<SubjectId> ids) {
        List<PolicyChanges.MajorChange> majorChanges = new ArrayList<>();
        int[] currentVersion = {0};
        Map<SubjectId, Map<ConsentScope, ConsentStatus>> consents = new HashMap<>();
        Map<SubjectId, Set<OptOut>> optOuts = new HashMap<>();
        Map<SubjectId, Object[]> statusAndRegion = new HashMap<>();
        Map<String, SubjectId> byValue = new HashMap<>(ids.size() * 2);
        ids.forEach(id -> byValue.put(id.value(), id));
        jdbc.query(con -> {
            var ps = con.prepareStatement(SUBJECT_FACTS);
            String array = ArrayLiteral.of(byValue.keySet());
            ps.setObject(1, array, Types.OTHER);
            ps.setObject(2, array, Types.OTHER);
            ps.setObject(3, array, Types.OTHER);
            return ps;
        }, rs -> {
            String kind = rs.getString(2);
            if ("P".equals(kind)) {
                int version = rs.getInt(6);
                currentVersion[0] = Math.max(currentVersion[0], version);
                if (rs.getBoolean(5)) {
                    majorChanges.add(new PolicyChanges.MajorChange(version, java.util.Arrays.stream(
                            rs.getString(3).split(",")).filter(p -> !p.isEmpty()).map(Purpose::new)
                            .collect(java.util.stream.Collectors.toSet())));
                }
                return;
            }
            SubjectId subject = byValue.get(rs.getString(1));
            if ("S".equals(kind)) {
                statusAndRegion.put(subject, new Object[]{SubjectStatus.valueOf(rs.getString(3)),
                        new Region(rs.getString(4))});
            } else if ("C".equals(kind)) {
                String category = rs.getString(4);
                ConsentScope scope = category.isEmpty() ? ConsentScope.of(new Purpose(rs.getString(3)))
                        : ConsentScope.of(new Purpose(rs.getString(3)), new Category(category));
                consents.computeIfAbsent(subject, k -> new HashMap<>())
                        .put(scope, new ConsentStatus(rs.getBoolean(5), rs.getInt(6)));
            } else {
                optOuts.computeIfAbsent(subject, k -> EnumSet.noneOf(OptOut.class)).add(OptOut.valueOf(rs.getString(3)));
            }
        });
        Map<SubjectId, SubjectFacts> facts = new HashMap<>(ids.size() * 2);
        statusAndRegion.forEach((subject, sr) -> facts.put(subject, new SubjectFacts(subject, (SubjectStatus) sr[0],
                (Region) sr[1], consents.getOrDefault(subject, Map.of()), optOuts.getOrDefault(subject, Set.of()))));
        majorChanges.sort(java.util.Comparator.comparingInt(PolicyChanges.MajorChange::version));
        return new SubjectsAndPolicy(facts, new PolicyChanges(currentVersion[0], majorChanges));
    }

    @Override
    public void destroy() {
        committer.close();
    }
}
