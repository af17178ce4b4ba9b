package dev.pdvault.domain.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * What one consent covers: a purpose, and for sensitive personal information also the category, since the
 * policy asks for a separate explicit consent to each sensitive category (One (4), (11) 2.).
 */
public record ConsentScope(Purpose purpose, Optional<Category> category) {

    public ConsentScope {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(category, "category");
    }

    public static ConsentScope of(Purpose purpose) {
        return new ConsentScope(purpose, Optional.empty());
    }

    public static ConsentScope of(Purpose purpose, Category category) {
        return new ConsentScope(purpose, Optional.of(category));
    }

    @Override
    public String toString() {
        return category.map(c -> purpose + "/" + c).orElse(purpose.name());
    }
}
