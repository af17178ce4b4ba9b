package dev.pdvault.api.feed;

import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** {@link FeedFacts} from {@code token_ref} and {@code share_grant}, which keep erased tokens' metadata. */
final class JdbcFeedFacts implements FeedFacts {

    private final JdbcTemplate jdbc;

    JdbcFeedFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Category> categoryOf(Token token) {
        return jdbc.queryForList("SELECT category FROM token_ref WHERE token = ?", String.class, token.value())
                .stream().findFirst().map(Category::new);
    }

    @Override
    public Set<Category> categoriesCollected(SubjectId subject, Instant until) {
        Set<Category> categories = new TreeSet<>((a, b) -> a.name().compareTo(b.name()));
        jdbc.queryForList("SELECT DISTINCT category FROM token_ref WHERE subject_id = ? AND collected_at <= ?",
                        String.class, UUID.fromString(subject.value()), Timestamp.from(until))
                .forEach(c -> categories.add(new Category(c)));
        return categories;
    }

    @Override
    public Set<String> sharedWith(Token token, Instant until) {
        return new TreeSet<>(jdbc.queryForList("SELECT DISTINCT recipient FROM share_grant WHERE token = ?"
                + " AND shared_at <= ?", String.class, token.value(), Timestamp.from(until)));
    }
}
