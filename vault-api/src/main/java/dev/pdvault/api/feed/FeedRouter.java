package dev.pdvault.api.feed;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.PersonalDataShared;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.subject.api.ConsentWithdrawn;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.Notice;
import dev.pdvault.domain.subject.api.OptedOut;
import dev.pdvault.domain.subject.api.PersonalDataCollected;
import dev.pdvault.domain.subject.api.PersonalDataCorrected;
import dev.pdvault.domain.subject.api.RecipientsNotified;
import dev.pdvault.domain.subject.api.SubjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one vault event into the feed messages it owes, one per recipient (and per subject): the rule of
 * docs/architecture.md, "The event feed". Deterministic for a given event and projections, so every delivery
 * of an event carries the same message ids.
 */
final class FeedRouter {

    private final FeedAudience audience;
    private final FeedFacts facts;

    FeedRouter(FeedAudience audience, FeedFacts facts) {
        this.audience = audience;
        this.facts = facts;
    }

    List<FeedMessage> route(String eventId, Object event) {
        if (event instanceof PersonalDataCollected e) {
            return each(audience.servicesUsing(e.category()), to -> message(eventId, FeedType.COLLECTED, to,
                    e.subjectId(), e.at(), e.category(), e.purpose(),
                    e.fields().stream().map(f -> new FeedToken(f.field(), f.token().value())).toList(), null));
        }
        if (event instanceof PersonalDataCorrected e) {
            return corrected(eventId, e);
        }
        if (event instanceof PersonalDataShared e) {
            return shared(eventId, e);
        }
        if (event instanceof ConsentWithdrawn e) {
            return each(audience.servicesKnowing(collected(e.subjectId(), e.at()), e.scope().purpose()::equals),
                    to -> message(eventId, FeedType.CONSENT_WITHDRAWN, to, e.subjectId(), e.at(),
                            e.scope().category().orElse(null), e.scope().purpose(), null, e.scope().toString()));
        }
        if (event instanceof OptedOut e) {
            Set<Purpose> stopped = audience.purposesStoppedBy(e.optOut());
            return each(audience.servicesKnowing(collected(e.subjectId(), e.at()), stopped::contains),
                    to -> message(eventId, FeedType.OPTED_OUT, to, e.subjectId(), e.at(), null, null, null,
                            e.optOut().name()));
        }
        if (event instanceof DataSubjectErased e) {
            return each(audience.servicesKnowing(collected(e.subjectId(), e.at()), p -> true),
                    to -> message(eventId, FeedType.ERASED, to, e.subjectId(), e.at(), null, null, null,
                            e.erasureId().value()));
        }
        if (event instanceof RecipientsNotified e) {
            FeedType type = e.notice() == Notice.ERASURE ? FeedType.ERASED : FeedType.STOP_PROCESSING;
            return each(e.recipients().stream().map(Recipient::name).toList(), to -> message(eventId, type, to,
                    e.subjectId(), e.at(), null, null, null, e.reference()));
        }
        return List.of();
    }

    private Set<Category> collected(SubjectId subject, Instant until) {
        return facts.categoriesCollected(subject, until);
    }

    private List<FeedMessage> corrected(String eventId, PersonalDataCorrected e) {
        Optional<Category> category = facts.categoryOf(e.token());
        Set<String> recipients = new LinkedHashSet<>();
        category.ifPresent(c -> recipients.addAll(audience.servicesUsing(c)));
        recipients.addAll(facts.sharedWith(e.token(), e.at()));
        List<FeedToken> tokens = List.of(new FeedToken(e.field(), e.token().value()));
        return recipients.stream().map(to -> new FeedMessage(FeedMessage.idOf(eventId, to, e.subjectId().value()),
                FeedMessage.VERSION, FeedType.CORRECTED, to, e.subjectId().value(), e.at(),
                category.map(Category::name).orElse(null), null, tokens,
                null)).toList();
    }

    private List<FeedMessage> shared(String eventId, PersonalDataShared e) {
        Map<SubjectId, List<AccessedToken>> bySubject = new LinkedHashMap<>();
        e.tokens().forEach(t -> bySubject.computeIfAbsent(t.subjectId(), s -> new ArrayList<>()).add(t));
        String to = e.recipient().name();
        return bySubject.entrySet().stream().map(s -> message(eventId, FeedType.SHARED, to, s.getKey(), e.at(),
                null, e.purpose(), s.getValue().stream().map(t -> new FeedToken(t.field(), t.token().value()))
                        .toList(), e.shareId().value())).toList();
    }

    private interface Addressed {
        FeedMessage to(String recipient);
    }

    private static List<FeedMessage> each(List<String> recipients, Addressed message) {
        return recipients.stream().map(message::to).toList();
    }

    private static FeedMessage message(String eventId, FeedType type, String to, SubjectId subject, Instant at,
                                       Category category, Purpose purpose, List<FeedToken> tokens, String reference) {
        return new FeedMessage(FeedMessage.idOf(eventId, to, subject.value()), FeedMessage.VERSION, type, to,
                subject.value(), at, category == null ? null : category.name(),
                purpose == null ? null : purpose.name(), tokens, reference);
    }
}
