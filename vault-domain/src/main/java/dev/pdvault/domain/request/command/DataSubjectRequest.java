package dev.pdvault.domain.request.command;

import dev.pdvault.domain.request.api.AppealAutomatedDecision;
import dev.pdvault.domain.request.api.AppealNotPossibleException;
import dev.pdvault.domain.request.api.AutomatedDecisionAppealed;
import dev.pdvault.domain.request.api.FulfilSubjectRequest;
import dev.pdvault.domain.request.api.FulfilmentIncompleteException;
import dev.pdvault.domain.request.api.IdentityNotVerifiedException;
import dev.pdvault.domain.request.api.InvalidRequestDetailsException;
import dev.pdvault.domain.request.api.ReceiveSubjectRequest;
import dev.pdvault.domain.request.api.RefusalGround;
import dev.pdvault.domain.request.api.RefuseSubjectRequest;
import dev.pdvault.domain.request.api.RequestClosedException;
import dev.pdvault.domain.request.api.RequestId;
import dev.pdvault.domain.request.api.RequestKind;
import dev.pdvault.domain.request.api.RequestStatus;
import dev.pdvault.domain.request.api.SubjectDataExported;
import dev.pdvault.domain.request.api.SubjectIdentityVerified;
import dev.pdvault.domain.request.api.SubjectRequestFulfilled;
import dev.pdvault.domain.request.api.SubjectRequestReceived;
import dev.pdvault.domain.request.api.SubjectRequestRefused;
import dev.pdvault.domain.request.api.VerifySubjectIdentity;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One data-subject request, from receipt to its answer: received, identity verified, then fulfilled or refused,
 * once. Nothing is fulfilled before the subject's identity is verified. A request past the repetition limit is
 * refused as it is received, and the refusal is recorded like any other. An explanation of an automated decision
 * may be appealed once it is given.
 *
 * <p>Breaking a rule (fulfilling too early, answering twice) throws and records nothing: such a command is a
 * mistake of the caller, not a decision about the subject.
 */
public class DataSubjectRequest {

    @AggregateIdentifier
    private RequestId requestId;
    private SubjectId subjectId;
    private RequestKind kind;
    private RequestStatus status;
    private boolean appealed;

    protected DataSubjectRequest() {
    }

    /** @return {@code RECEIVED}, or {@code REFUSED} when the subject is past the repetition limit */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public RequestStatus handle(ReceiveSubjectRequest cmd) {
        if (!cmd.details().fit(cmd.kind())) {
            throw new InvalidRequestDetailsException(cmd.requestId());
        }
        apply(new SubjectRequestReceived(cmd.requestId(), cmd.subjectId(), cmd.kind(), cmd.details(),
                cmd.receivedAt(), cmd.receivedAt().plus(SubjectRequestReceived.RESPONSE_TIME), cmd.caller()));
        if (cmd.earlierOfKind() >= cmd.repetitionLimit()) {
            apply(new SubjectRequestRefused(cmd.requestId(), cmd.subjectId(), RefusalGround.EXCESSIVE_REPETITION,
                    cmd.earlierOfKind() + " earlier requests of this kind within the repetition window (limit "
                            + cmd.repetitionLimit() + ")", cmd.caller(), cmd.receivedAt()));
            return RequestStatus.REFUSED;
        }
        return RequestStatus.RECEIVED;
    }

    /** Verifying again changes nothing; a closed request cannot be verified. */
    @CommandHandler
    public void handle(VerifySubjectIdentity cmd) {
        requireOpen();
        if (status == RequestStatus.RECEIVED) {
            apply(new SubjectIdentityVerified(requestId, subjectId, cmd.method(), cmd.caller(), cmd.at()));
        }
    }

    @CommandHandler
    public void handle(FulfilSubjectRequest cmd) {
        requireOpen();
        if (status != RequestStatus.IDENTITY_VERIFIED) {
            throw new IdentityNotVerifiedException(requestId);
        }
        boolean export = kind == RequestKind.ACCESS_EXPORT;
        boolean explanation = kind == RequestKind.AUTOMATED_DECISION_EXPLANATION;
        if (cmd.tokensExported().isPresent() != export || cmd.explanation().isPresent() != explanation) {
            throw new FulfilmentIncompleteException(requestId);
        }
        if (export) {
            apply(new SubjectDataExported(requestId, subjectId, cmd.tokensExported().get(), cmd.at()));
        }
        apply(new SubjectRequestFulfilled(requestId, subjectId, cmd.outcome(), cmd.explanation(), cmd.caller(),
                cmd.at()));
    }

    /** Any open request can be refused, verified or not: a ground may show before the identity is checked. */
    @CommandHandler
    public void handle(RefuseSubjectRequest cmd) {
        requireOpen();
        apply(new SubjectRequestRefused(requestId, subjectId, cmd.ground(), cmd.note(), cmd.caller(), cmd.at()));
    }

    @CommandHandler
    public void handle(AppealAutomatedDecision cmd) {
        if (kind != RequestKind.AUTOMATED_DECISION_EXPLANATION || status != RequestStatus.FULFILLED || appealed) {
            throw new AppealNotPossibleException(requestId);
        }
        apply(new AutomatedDecisionAppealed(requestId, subjectId, cmd.caller(), cmd.at()));
    }

    private void requireOpen() {
        if (!status.open()) {
            throw new RequestClosedException(requestId);
        }
    }

    @EventSourcingHandler
    void on(SubjectRequestReceived event) {
        requestId = event.requestId();
        subjectId = event.subjectId();
        kind = event.kind();
        status = RequestStatus.RECEIVED;
    }

    @EventSourcingHandler
    void on(SubjectIdentityVerified event) {
        status = RequestStatus.IDENTITY_VERIFIED;
    }

    @EventSourcingHandler
    void on(SubjectRequestFulfilled event) {
        status = RequestStatus.FULFILLED;
    }

    @EventSourcingHandler
    void on(SubjectRequestRefused event) {
        status = RequestStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(AutomatedDecisionAppealed event) {
        appealed = true;
    }
}
