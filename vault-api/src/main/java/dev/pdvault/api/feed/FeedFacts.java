package dev.pdvault.api.feed;

import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What routing needs beyond the event itself, read from the projections as of the event's time. */
interface FeedFacts {

    /** The category of a token. */
    Optional<Category> categoryOf(Token token);

    /** The categories of the subject's tokens collected up to {@code until}. */
    Set<Category> categoriesCollected(SubjectId subject, Instant until);

    /** The recipients a token was shared with up to {@code until}. */
    Set<String> sharedWith(Token token, Instant until);
}
