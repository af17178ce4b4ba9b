package dev.pdvault.domain.subject.command;

import dev.pdvault.domain.subject.api.CollectPersonalData;
import dev.pdvault.domain.subject.api.CollectionRefused;
import dev.pdvault.domain.subject.api.CommandOutcome;
import dev.pdvault.domain.subject.api.CompleteErasure;
import dev.pdvault.domain.subject.api.CorrectPersonalData;
import dev.pdvault.domain.subject.api.CorrectionRefused;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.ErasureNotRequestedException;
import dev.pdvault.domain.subject.api.DataSubjectRegistered;
import dev.pdvault.domain.subject.api.ErasureId;
import dev.pdvault.domain.subject.api.ErasureRefused;
import dev.pdvault.domain.subject.api.ErasureRequested;
import dev.pdvault.domain.subject.api.PersonalDataCollected;
import dev.pdvault.domain.subject.api.PersonalDataCorrected;
import dev.pdvault.domain.subject.api.RefusalReason;
import dev.pdvault.domain.subject.api.RefuseCollection;
import dev.pdvault.domain.subject.api.RegisterDataSubject;
import dev.pdvault.domain.subject.api.RequestErasure;
import dev.pdvault.domain.subject.api.SealedField;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.SubjectStatus;
import dev.pdvault.domain.subject.api.Token;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import dev.pdvault.domain.policy.ConsentProblem;
import dev.pdvault.domain.policy.ConsentRules;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.subject.api.AgeBand;
import dev.pdvault.domain.subject.api.ChangeOptOut;
import dev.pdvault.domain.subject.api.ConsentGranted;
import dev.pdvault.domain.subject.api.ConsentRefused;
import dev.pdvault.domain.subject.api.ConsentWithdrawn;
import dev.pdvault.domain.subject.api.GrantConsent;
import dev.pdvault.domain.subject.api.GuardianRecord;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Source;
import dev.pdvault.domain.subject.api.OptedBackIn;
import dev.pdvault.domain.subject.api.OptedOut;
import dev.pdvault.domain.subject.api.WithdrawConsent;

import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.CategoryDefinition;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.RetentionRule;
import dev.pdvault.domain.subject.api.CollectionId;
import dev.pdvault.domain.subject.api.CompleteTransaction;
import dev.pdvault.domain.subject.api.HoldId;
import dev.pdvault.domain.subject.api.LegalHoldPlaced;
import dev.pdvault.domain.subject.api.LegalHoldReleased;
import dev.pdvault.domain.subject.api.Notice;
import dev.pdvault.domain.subject.api.NotifyRecipients;
import dev.pdvault.domain.subject.api.PlaceLegalHold;
import dev.pdvault.domain.subject.api.PlanShredding;
import dev.pdvault.domain.subject.api.RecipientsNotified;
import dev.pdvault.domain.subject.api.RecordRetainedShredding;
import dev.pdvault.domain.subject.api.ReleaseLegalHold;
import dev.pdvault.domain.subject.api.RetainedData;
import dev.pdvault.domain.subject.api.RetainedDataShredded;
import dev.pdvault.domain.subject.api.ShreddingPlan;
import dev.pdvault.domain.subject.api.ShreddingRefused;
import dev.pdvault.domain.subject.api.TransactionCompleted;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A data subject and the decisions on its data: collection, correction, consent, opt-outs and erasure. Its state holds no
 * personal data, only which token belongs to which field, and where the subject is in its life.
 *
 * <p>Refusals are applied as events and returned as a {@link CommandOutcome}, never thrown, so that they
 * are committed like any other decision.
 */
public class DataSubject {

    @AggregateIdentifier
    private SubjectId subjectId;
    private SubjectStatus status;
    private ErasureId erasureId;
    private Instant erasureRequestedAt;
    private AgeBand ageBand;
    private final Map<Token, String> fieldByToken = new HashMap<>();
    private final Map<ConsentScope, ConsentStatus> consents = new HashMap<>();
    private final Set<OptOut> optOuts = EnumSet.noneOf(OptOut.class);
    private final Map<CollectionId, KeyClass> collections = new HashMap<>();
    private final Map<CollectionId, Instant> completions = new HashMap<>();
    private final Map<HoldId, String> holds = new LinkedHashMap<>();
    private Set<HoldId> holdsLastRefusedFor = Set.of();
    /** After the tombstone: the key classes still kept for their retention period. */
    private final Set<KeyClass> retained = new HashSet<>();

    protected DataSubject() {
    }

    @CommandHandler
    public DataSubject(RegisterDataSubject cmd) {
        apply(new DataSubjectRegistered(cmd.subjectId(), cmd.region(), cmd.birthDate(), cmd.birthDateKeyClass(),
                cmd.ageBand(), cmd.caller(), cmd.at()));
    }

    @CommandHandler
    public CommandOutcome handle(CollectPersonalData cmd) {
        RefusalReason refusal = refusalForNewData();
        if (refusal == null) {
            boolean reused = cmd.fields().stream().anyMatch(f -> fieldByToken.containsKey(f.token()))
                    || cmd.fields().stream().map(SealedField::token).distinct().count() != cmd.fields().size()
                    || cmd.fields().stream().map(SealedField::field).distinct().count() != cmd.fields().size();
            refusal = reused ? RefusalReason.FIELD_MISMATCH : null;
        }
        if (refusal == null) {
            refusal = ConsentRules.check(cmd.consentRequired(), consents, cmd.policy()).map(DataSubject::refusal)
                    .orElse(null);
        }
        if (refusal != null) {
            apply(new CollectionRefused(cmd.subjectId(), cmd.collectionId(), cmd.category(), cmd.purpose(), refusal,
                    cmd.caller(), cmd.at()));
            return CommandOutcome.refused(refusal);
        }
        apply(new PersonalDataCollected(cmd.subjectId(), cmd.collectionId(), cmd.category(), cmd.purpose(),
                cmd.source(), cmd.keyClass(), cmd.fields(), cmd.caller(), cmd.at()));
        return CommandOutcome.ACCEPTED;
    }

    @CommandHandler
    public CommandOutcome handle(RefuseCollection cmd) {
        apply(new CollectionRefused(cmd.subjectId(), cmd.collectionId(), cmd.category(), cmd.purpose(), cmd.reason(),
                cmd.caller(), cmd.at()));
        return CommandOutcome.refused(cmd.reason());
    }

    @CommandHandler
    public CommandOutcome handle(CorrectPersonalData cmd) {
        RefusalReason refusal = refusalForNewData();
        if (refusal == null) {
            String field = fieldByToken.get(cmd.token());
            if (field == null) {
                refusal = RefusalReason.UNKNOWN_TOKEN;
            } else if (!field.equals(cmd.field())) {
                refusal = RefusalReason.FIELD_MISMATCH;
            }
        }
        if (refusal != null) {
            apply(new CorrectionRefused(cmd.subjectId(), cmd.token(), refusal, cmd.caller(), cmd.at()));
            return CommandOutcome.refused(refusal);
        }
        apply(new PersonalDataCorrected(cmd.subjectId(), cmd.token(), cmd.field(), cmd.corrected(), cmd.caller(),
                cmd.at()));
        return CommandOutcome.ACCEPTED;
    }

    /**
     * Grants (or renews) a consent. A subject under 14 can consent only through a guardian, whose identity
     * comes sealed with the grant.
     */
    @CommandHandler
    public CommandOutcome handle(GrantConsent cmd) {
        RefusalReason refusal = refusalForNewData();
        if (refusal == null && ageBand == AgeBand.UNDER_14 && cmd.guardian().isEmpty()) {
            refusal = RefusalReason.GUARDIAN_CONSENT_REQUIRED;
        }
        if (refusal == null && cmd.guardian().stream().flatMap(g -> g.fields().stream())
                .anyMatch(f -> fieldByToken.containsKey(f.token()))) {
            refusal = RefusalReason.FIELD_MISMATCH;
        }
        if (refusal != null) {
            apply(new ConsentRefused(cmd.subjectId(), cmd.scope(), refusal, cmd.caller(), cmd.at()));
            return CommandOutcome.refused(refusal);
        }
        cmd.guardian().ifPresent(g -> apply(new PersonalDataCollected(cmd.subjectId(), g.collectionId(),
                new Category(ConsentGranted.GUARDIAN_CATEGORY), new Purpose(ConsentGranted.GUARDIAN_PURPOSE),
                new Source(ConsentGranted.GUARDIAN_SOURCE), g.keyClass(), g.fields(), cmd.caller(), cmd.at())));
        apply(new ConsentGranted(cmd.subjectId(), cmd.scope(), cmd.policyVersion(),
                cmd.guardian().map(GuardianRecord::collectionId), cmd.caller(), cmd.at()));
        return CommandOutcome.ACCEPTED;
    }

    /** Withdraws a consent in force; withdrawing one that is not in force is refused, and recorded. */
    @CommandHandler
    public CommandOutcome handle(WithdrawConsent cmd) {
        ConsentStatus status = consents.get(cmd.scope());
        RefusalReason refusal = status != null && status.inForce() ? null : RefusalReason.NO_CONSENT_IN_FORCE;
        if (refusal == null && this.status == SubjectStatus.ERASED) {
            refusal = RefusalReason.SUBJECT_ERASED;
        }
        if (refusal != null) {
            apply(new ConsentRefused(cmd.subjectId(), cmd.scope(), refusal, cmd.caller(), cmd.at()));
            return CommandOutcome.refused(refusal);
        }
        apply(new ConsentWithdrawn(cmd.subjectId(), cmd.scope(), cmd.caller(), cmd.at()));
        return CommandOutcome.ACCEPTED;
    }

    /** Opts out of, or back into, a promotional channel or targeting. Repeating the current choice records nothing. */
    @CommandHandler
    public CommandOutcome handle(ChangeOptOut cmd) {
        if (status == SubjectStatus.ERASED) {
            return CommandOutcome.refused(RefusalReason.SUBJECT_ERASED);
        }
        if (cmd.optedOut() && !optOuts.contains(cmd.optOut())) {
            apply(new OptedOut(cmd.subjectId(), cmd.optOut(), cmd.caller(), cmd.at()));
        } else if (!cmd.optedOut() && optOuts.contains(cmd.optOut())) {
            apply(new OptedBackIn(cmd.subjectId(), cmd.optOut(), cmd.caller(), cmd.at()));
        }
        return CommandOutcome.ACCEPTED;
    }

    /** Starts the retention period of a transaction record. */
    @CommandHandler
    public CommandOutcome handle(CompleteTransaction cmd) {
        if (!collections.containsKey(cmd.collectionId())) {
            return CommandOutcome.refused(RefusalReason.UNKNOWN_COLLECTION);
        }
        if (!completions.containsKey(cmd.collectionId())) {
            apply(new TransactionCompleted(cmd.subjectId(), cmd.collectionId(), cmd.caller(), cmd.at()));
        }
        return CommandOutcome.ACCEPTED;
    }

    @CommandHandler
    public CommandOutcome handle(PlaceLegalHold cmd) {
        if (!holds.containsKey(cmd.holdId())) {
            apply(new LegalHoldPlaced(cmd.subjectId(), cmd.holdId(), cmd.reference(), cmd.caller(), cmd.at()));
        }
        return CommandOutcome.ACCEPTED;
    }

    @CommandHandler
    public CommandOutcome handle(ReleaseLegalHold cmd) {
        if (!holds.containsKey(cmd.holdId())) {
            return CommandOutcome.refused(RefusalReason.NO_SUCH_HOLD);
        }
        apply(new LegalHoldReleased(cmd.subjectId(), cmd.holdId(), cmd.caller(), cmd.at()));
        return CommandOutcome.ACCEPTED;
    }

    /**
     * Which key classes may be shredded now, once erasure was requested. A class without a retention period
     * (its purpose ended with the erasure) is due at once; a class the law keeps for a period after the
     * transaction completes is due when every transaction record of it completed and the latest deadline
     * passed. Legal holds block shredding: the refusal is recorded, once per set of holds.
     */
    @CommandHandler
    public ShreddingPlan handle(PlanShredding cmd, Catalogue catalogue) {
        if (status == SubjectStatus.ACTIVE) {
            throw new ErasureNotRequestedException(cmd.subjectId());
        }
        Collection<KeyClass> candidates = status == SubjectStatus.ERASED ? retained
                : catalogue.keyClasses().stream().sorted(Comparator.comparing(KeyClass::name)).toList();
        List<KeyClass> due = new ArrayList<>();
        List<RetainedData> kept = new ArrayList<>();
        for (KeyClass keyClass : candidates) {
            Optional<Period> period = retentionPeriod(catalogue, keyClass);
            List<CollectionId> records = collections.entrySet().stream().filter(e -> e.getValue().equals(keyClass))
                    .map(Map.Entry::getKey).toList();
            if (period.isEmpty() || records.isEmpty()) {
                due.add(keyClass);
            } else if (!completions.keySet().containsAll(records)) {
                kept.add(RetainedData.untilTransactionsComplete(keyClass));
            } else {
                Instant deadline = records.stream().map(c -> completions.get(c).atZone(ZoneOffset.UTC)
                        .plus(period.get()).toInstant()).max(Comparator.naturalOrder()).orElseThrow();
                if (deadline.isAfter(cmd.at())) {
                    kept.add(RetainedData.until(keyClass, deadline));
                } else {
                    due.add(keyClass);
                }
            }
        }
        if (!holds.isEmpty() && !due.isEmpty()) {
            List<HoldId> holding = List.copyOf(holds.keySet());
            if (!holdsLastRefusedFor.equals(holds.keySet())) {
                apply(new ShreddingRefused(cmd.subjectId(), due, holding, cmd.at()));
            }
            return ShreddingPlan.heldBy(holding, kept);
        }
        return ShreddingPlan.shred(due, kept);
    }

    private static Optional<Period> retentionPeriod(Catalogue catalogue, KeyClass keyClass) {
        return catalogue.categories().values().stream()
                .filter(c -> c.keyClass().equals(keyClass))
                .map(CategoryDefinition::retention)
                .filter(r -> r.basis() == RetentionRule.Basis.AFTER_TRANSACTION_COMPLETES)
                .map(RetentionRule::period)
                .max(Comparator.comparing(p -> p.toTotalMonths() * 31 + p.getDays()));
    }

    @CommandHandler
    public CommandOutcome handle(RecordRetainedShredding cmd) {
        if (status != SubjectStatus.ERASED) {
            throw new ErasureNotRequestedException(cmd.subjectId());
        }
        if (cmd.destroyed().stream().noneMatch(k -> retained.contains(k.keyClass()))) {
            return CommandOutcome.refused(RefusalReason.ALREADY_ERASED);
        }
        apply(new RetainedDataShredded(cmd.subjectId(), cmd.destroyed().stream()
                .filter(k -> retained.contains(k.keyClass())).toList(), cmd.at()));
        return CommandOutcome.ACCEPTED;
    }

    @CommandHandler
    public CommandOutcome handle(NotifyRecipients cmd) {
        if (!cmd.recipients().isEmpty()) {
            apply(new RecipientsNotified(cmd.subjectId(), cmd.notice(), cmd.recipients(), cmd.reference(), cmd.at()));
        }
        return CommandOutcome.ACCEPTED;
    }

    /**
     * Records the request before any key is destroyed. A second request while one is pending continues the
     * pending erasure (so a crashed erasure can be finished); a request after erasure is refused.
     *
     * @return the id of the erasure in progress
     */
    @CommandHandler
    public ErasureId handle(RequestErasure cmd) {
        switch (status) {
            case ERASED -> {
                apply(new ErasureRefused(cmd.subjectId(), cmd.erasureId(), RefusalReason.ALREADY_ERASED, cmd.caller(),
                        cmd.at()));
                return erasureId;
            }
            case ERASURE_REQUESTED -> {
                return erasureId;
            }
            default -> {
                apply(new ErasureRequested(cmd.subjectId(), cmd.erasureId(), cmd.caller(), cmd.at()));
                return cmd.erasureId();
            }
        }
    }

    /** Writes the tombstone exactly once: completing a finished erasure again changes nothing. */
    @CommandHandler
    public CommandOutcome handle(CompleteErasure cmd) {
        if (status == SubjectStatus.ERASED) {
            return CommandOutcome.refused(RefusalReason.ALREADY_ERASED);
        }
        if (status != SubjectStatus.ERASURE_REQUESTED || !cmd.erasureId().equals(erasureId)) {
            throw new ErasureNotRequestedException(cmd.subjectId());
        }
        apply(new DataSubjectErased(cmd.subjectId(), cmd.erasureId(), cmd.destroyedKeys(), cmd.retained(),
                erasureRequestedAt, cmd.at()));
        if (!cmd.recipients().isEmpty()) {
            apply(new RecipientsNotified(cmd.subjectId(), Notice.ERASURE, cmd.recipients(), cmd.erasureId().value(),
                    cmd.at()));
        }
        return CommandOutcome.ACCEPTED;
    }

    private static RefusalReason refusal(ConsentProblem problem) {
        return switch (problem) {
            case MISSING -> RefusalReason.CONSENT_REQUIRED;
            case WITHDRAWN -> RefusalReason.CONSENT_WITHDRAWN;
            case ON_HOLD -> RefusalReason.CONSENT_ON_HOLD;
        };
    }

    private RefusalReason refusalForNewData() {
        return switch (status) {
            case ERASED -> RefusalReason.SUBJECT_ERASED;
            case ERASURE_REQUESTED -> RefusalReason.ERASURE_IN_PROGRESS;
            case ACTIVE -> null;
        };
    }

    @EventSourcingHandler
    void on(DataSubjectRegistered event) {
        subjectId = event.subjectId();
        status = SubjectStatus.ACTIVE;
        ageBand = event.ageBand();
        event.birthDate().ifPresent(f -> fieldByToken.put(f.token(), f.field()));
    }

    @EventSourcingHandler
    void on(PersonalDataCollected event) {
        for (SealedField f : event.fields()) {
            fieldByToken.put(f.token(), f.field());
        }
        collections.put(event.collectionId(), event.keyClass());
    }

    @EventSourcingHandler
    void on(TransactionCompleted event) {
        completions.put(event.collectionId(), event.at());
    }

    @EventSourcingHandler
    void on(LegalHoldPlaced event) {
        holds.put(event.holdId(), event.reference());
    }

    @EventSourcingHandler
    void on(LegalHoldReleased event) {
        holds.remove(event.holdId());
    }

    @EventSourcingHandler
    void on(ShreddingRefused event) {
        holdsLastRefusedFor = Set.copyOf(event.holds());
    }

    @EventSourcingHandler
    void on(RetainedDataShredded event) {
        event.destroyedKeys().forEach(k -> retained.remove(k.keyClass()));
    }

    @EventSourcingHandler
    void on(ConsentGranted event) {
        consents.put(event.scope(), new ConsentStatus(true, event.policyVersion()));
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        consents.computeIfPresent(event.scope(), (scope, s) -> new ConsentStatus(false, s.policyVersion()));
    }

    @EventSourcingHandler
    void on(OptedOut event) {
        optOuts.add(event.optOut());
    }

    @EventSourcingHandler
    void on(OptedBackIn event) {
        optOuts.remove(event.optOut());
    }

    @EventSourcingHandler
    void on(ErasureRequested event) {
        status = SubjectStatus.ERASURE_REQUESTED;
        erasureId = event.erasureId();
        erasureRequestedAt = event.at();
    }

    @EventSourcingHandler
    void on(DataSubjectErased event) {
        status = SubjectStatus.ERASED;
        fieldByToken.clear();
        event.retained().forEach(r -> retained.add(r.keyClass()));
    }
}
