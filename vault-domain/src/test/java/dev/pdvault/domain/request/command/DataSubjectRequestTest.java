package dev.pdvault.domain.request.command;

import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.request.api.AppealAutomatedDecision;
import dev.pdvault.domain.request.api.AppealNotPossibleException;
import dev.pdvault.domain.request.api.AutomatedDecisionAppealed;
import dev.pdvault.domain.request.api.DecisionExplanation;
import dev.pdvault.domain.request.api.DeletionGround;
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
import dev.pdvault.domain.request.api.RequestStatus;
import dev.pdvault.domain.request.api.SubjectDataExported;
import dev.pdvault.domain.request.api.SubjectIdentityVerified;
import dev.pdvault.domain.request.api.SubjectRequestFulfilled;
import dev.pdvault.domain.request.api.SubjectRequestReceived;
import dev.pdvault.domain.request.api.SubjectRequestRefused;
import dev.pdvault.domain.request.api.VerifySubjectIdentity;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.shared.InvalidIdException;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSubjectRequestTest {

    private static final RequestId REQUEST = RequestId.of("5e1f0a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b");
    private static final SubjectId SUBJECT = SubjectId.of("3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f607");
    private static final Caller FRONT_END = Caller.of("dev-collector");
    private static final Caller OFFICER = Caller.of("dev-privacy-officer");
    private static final Instant RECEIVED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant DUE = Instant.parse("2026-03-16T09:00:00Z");
    private static final Instant VERIFIED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant ANSWERED = Instant.parse("2026-03-05T11:00:00Z");
    private static final String METHOD = "logged-in session";
    private static final DecisionExplanation EXPLANATION = new DecisionExplanation(
            List.of("order_history", "fraud-model v3"), "Velocity rule R12 exceeded; see EXPL-2026-0142");

    private AggregateTestFixture<DataSubjectRequest> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DataSubjectRequest.class);
    }

    private static ReceiveSubjectRequest receive(RequestKind kind, RequestDetails details, int earlier) {
        return new ReceiveSubjectRequest(REQUEST, SUBJECT, kind, details, earlier, 3, FRONT_END, RECEIVED);
    }

    private static SubjectRequestReceived received(RequestKind kind, RequestDetails details) {
        return new SubjectRequestReceived(REQUEST, SUBJECT, kind, details, RECEIVED, DUE, FRONT_END);
    }

    private static SubjectRequestReceived received(RequestKind kind) {
        return received(kind, RequestDetails.NONE);
    }

    private static SubjectIdentityVerified verified() {
        return new SubjectIdentityVerified(REQUEST, SUBJECT, METHOD, OFFICER, VERIFIED);
    }

    private static FulfilSubjectRequest fulfil(Optional<Integer> exported, Optional<DecisionExplanation> explanation) {
        return new FulfilSubjectRequest(REQUEST, "done", exported, explanation, OFFICER, ANSWERED);
    }

    @Test
    void aRequestIsReceivedAndDueFifteenDaysLater() {
        fixture.givenNoPriorActivity()
                .when(receive(RequestKind.ACCESS_EXPORT, RequestDetails.NONE, 0))
                .expectEvents(received(RequestKind.ACCESS_EXPORT))
                .expectResultMessagePayload(RequestStatus.RECEIVED);
    }

    @Test
    void aDeletionNamesItsGround() {
        RequestDetails details = RequestDetails.deletion(DeletionGround.NO_CONSENT);
        fixture.givenNoPriorActivity()
                .when(receive(RequestKind.DELETION, details, 2))
                .expectEvents(received(RequestKind.DELETION, details));
    }

    @Test
    void aRequestWhoseDetailsDoNotFitItsKindIsNotReceived() {
        fixture.givenNoPriorActivity()
                .when(receive(RequestKind.DELETION, RequestDetails.NONE, 0))
                .expectException(InvalidRequestDetailsException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(receive(RequestKind.ACCESS_EXPORT,
                        RequestDetails.withdrawal(ConsentScope.of(Purpose.of("advertising"))), 0))
                .expectException(InvalidRequestDetailsException.class)
                .expectNoEvents();
    }

    @Test
    void aRequestPastTheRepetitionLimitIsRefusedAsItIsReceived() {
        fixture.givenNoPriorActivity()
                .when(receive(RequestKind.ACCESS_EXPORT, RequestDetails.NONE, 3))
                .expectEvents(received(RequestKind.ACCESS_EXPORT),
                        new SubjectRequestRefused(REQUEST, SUBJECT, RefusalGround.EXCESSIVE_REPETITION,
                                "3 earlier requests of this kind within the repetition window (limit 3)", FRONT_END,
                                RECEIVED))
                .expectResultMessagePayload(RequestStatus.REFUSED);
    }

    @Test
    void canVerifyTheSubjectsIdentity() {
        fixture.given(received(RequestKind.ACCESS_EXPORT))
                .when(new VerifySubjectIdentity(REQUEST, METHOD, OFFICER, VERIFIED))
                .expectEvents(verified());
    }

    @Test
    void verifyingTwiceRecordsNothingMore() {
        fixture.given(received(RequestKind.ACCESS_EXPORT), verified())
                .when(new VerifySubjectIdentity(REQUEST, "id document checked by agent", OFFICER, ANSWERED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotVerifyAClosedRequest() {
        fixture.given(received(RequestKind.CORRECTION), new SubjectRequestRefused(REQUEST, SUBJECT,
                        RefusalGround.TRADE_SECRETS, "n/a", OFFICER, ANSWERED))
                .when(new VerifySubjectIdentity(REQUEST, METHOD, OFFICER, ANSWERED))
                .expectException(RequestClosedException.class)
                .expectNoEvents();
    }

    @Test
    void cannotFulfilBeforeTheIdentityIsVerified() {
        fixture.given(received(RequestKind.CORRECTION))
                .when(fulfil(Optional.empty(), Optional.empty()))
                .expectException(IdentityNotVerifiedException.class)
                .expectNoEvents();
    }

    @Test
    void canFulfilAVerifiedRequest() {
        fixture.given(received(RequestKind.CORRECTION), verified())
                .when(fulfil(Optional.empty(), Optional.empty()))
                .expectEvents(new SubjectRequestFulfilled(REQUEST, SUBJECT, "done", Optional.empty(), OFFICER,
                        ANSWERED));
    }

    @Test
    void anAccessRequestIsFulfilledWithItsExportRecorded() {
        fixture.given(received(RequestKind.ACCESS_EXPORT), verified())
                .when(fulfil(Optional.of(7), Optional.empty()))
                .expectEvents(new SubjectDataExported(REQUEST, SUBJECT, 7, ANSWERED),
                        new SubjectRequestFulfilled(REQUEST, SUBJECT, "done", Optional.empty(), OFFICER, ANSWERED));
    }

    @Test
    void anAccessRequestCannotBeFulfilledWithoutItsExport() {
        fixture.given(received(RequestKind.ACCESS_EXPORT), verified())
                .when(fulfil(Optional.empty(), Optional.empty()))
                .expectException(FulfilmentIncompleteException.class)
                .expectNoEvents();
    }

    @Test
    void anotherKindCannotCarryAnExportOrAnExplanation() {
        fixture.given(received(RequestKind.DELETION, RequestDetails.deletion(DeletionGround.NO_CONSENT)), verified())
                .when(fulfil(Optional.of(1), Optional.empty()))
                .expectException(FulfilmentIncompleteException.class);
        fixture.given(received(RequestKind.CORRECTION), verified())
                .when(fulfil(Optional.empty(), Optional.of(EXPLANATION)))
                .expectException(FulfilmentIncompleteException.class);
    }

    @Test
    void aDecisionIsExplainedWithItsInputsAndTheExplanationGiven() {
        RequestDetails details = RequestDetails.decision("credit-limit 2026-0301-77");
        fixture.given(received(RequestKind.AUTOMATED_DECISION_EXPLANATION, details), verified())
                .when(fulfil(Optional.empty(), Optional.of(EXPLANATION)))
                .expectEvents(new SubjectRequestFulfilled(REQUEST, SUBJECT, "done", Optional.of(EXPLANATION),
                        OFFICER, ANSWERED));
    }

    @Test
    void anExplanationRequestCannotBeFulfilledWithoutTheExplanation() {
        RequestDetails details = RequestDetails.decision("credit-limit 2026-0301-77");
        fixture.given(received(RequestKind.AUTOMATED_DECISION_EXPLANATION, details), verified())
                .when(fulfil(Optional.empty(), Optional.empty()))
                .expectException(FulfilmentIncompleteException.class)
                .expectNoEvents();
    }

    @Test
    void cannotFulfilTwice() {
        fixture.given(received(RequestKind.CORRECTION), verified(),
                        new SubjectRequestFulfilled(REQUEST, SUBJECT, "done", Optional.empty(), OFFICER, ANSWERED))
                .when(fulfil(Optional.empty(), Optional.empty()))
                .expectException(RequestClosedException.class)
                .expectNoEvents();
    }

    @Test
    void canRefuseWithAGroundBeforeOrAfterVerification() {
        SubjectRequestRefused refused = new SubjectRequestRefused(REQUEST, SUBJECT,
                RefusalGround.CRIMINAL_INVESTIGATION, "case 2026/0142", OFFICER, ANSWERED);
        fixture.given(received(RequestKind.ACCESS_EXPORT))
                .when(new RefuseSubjectRequest(REQUEST, RefusalGround.CRIMINAL_INVESTIGATION, "case 2026/0142",
                        OFFICER, ANSWERED))
                .expectEvents(refused);
        fixture.given(received(RequestKind.ACCESS_EXPORT), verified())
                .when(new RefuseSubjectRequest(REQUEST, RefusalGround.CRIMINAL_INVESTIGATION, "case 2026/0142",
                        OFFICER, ANSWERED))
                .expectEvents(refused);
    }

    @Test
    void cannotRefuseAnAnsweredRequest() {
        fixture.given(received(RequestKind.CORRECTION), verified(),
                        new SubjectRequestFulfilled(REQUEST, SUBJECT, "done", Optional.empty(), OFFICER, ANSWERED))
                .when(new RefuseSubjectRequest(REQUEST, RefusalGround.MALICE_OR_ABUSE, "late", OFFICER, ANSWERED))
                .expectException(RequestClosedException.class)
                .expectNoEvents();
        fixture.given(received(RequestKind.CORRECTION), new SubjectRequestRefused(REQUEST, SUBJECT,
                        RefusalGround.HARM_TO_OTHERS, "n/a", OFFICER, ANSWERED))
                .when(fulfil(Optional.empty(), Optional.empty()))
                .expectException(RequestClosedException.class)
                .expectNoEvents();
    }

    @Test
    void canAppealAnExplainedDecisionOnce() {
        RequestDetails details = RequestDetails.decision("credit-limit 2026-0301-77");
        SubjectRequestFulfilled explained = new SubjectRequestFulfilled(REQUEST, SUBJECT, "explained",
                Optional.of(EXPLANATION), OFFICER, ANSWERED);
        AutomatedDecisionAppealed appealed = new AutomatedDecisionAppealed(REQUEST, SUBJECT, FRONT_END, ANSWERED);
        fixture.given(received(RequestKind.AUTOMATED_DECISION_EXPLANATION, details), verified(), explained)
                .when(new AppealAutomatedDecision(REQUEST, FRONT_END, ANSWERED))
                .expectEvents(appealed);
        fixture.given(received(RequestKind.AUTOMATED_DECISION_EXPLANATION, details), verified(), explained, appealed)
                .when(new AppealAutomatedDecision(REQUEST, FRONT_END, ANSWERED))
                .expectException(AppealNotPossibleException.class)
                .expectNoEvents();
    }

    @Test
    void cannotAppealBeforeTheExplanationOrAnotherKind() {
        RequestDetails details = RequestDetails.decision("credit-limit 2026-0301-77");
        fixture.given(received(RequestKind.AUTOMATED_DECISION_EXPLANATION, details), verified())
                .when(new AppealAutomatedDecision(REQUEST, FRONT_END, ANSWERED))
                .expectException(AppealNotPossibleException.class)
                .expectNoEvents();
        fixture.given(received(RequestKind.CORRECTION), verified(),
                        new SubjectRequestFulfilled(REQUEST, SUBJECT, "done", Optional.empty(), OFFICER, ANSWERED))
                .when(new AppealAutomatedDecision(REQUEST, FRONT_END, ANSWERED))
                .expectException(AppealNotPossibleException.class)
                .expectNoEvents();
    }

    @Test
    void textsAreBoundedAndSingleLine() {
        assertThatThrownBy(() -> new RefuseSubjectRequest(REQUEST, RefusalGround.TRADE_SECRETS, " ", OFFICER,
                ANSWERED)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> new VerifySubjectIdentity(REQUEST, "line\nbreak", OFFICER, ANSWERED))
                .isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> new FulfilSubjectRequest(REQUEST, "x".repeat(501), Optional.empty(),
                Optional.empty(), OFFICER, ANSWERED)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> RequestDetails.decision("no\ttabs")).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> new DecisionExplanation(List.of(), "why")).isInstanceOf(InvalidIdException.class);
    }
}
