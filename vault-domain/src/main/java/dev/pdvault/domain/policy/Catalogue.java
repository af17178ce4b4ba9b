package dev.pdvault.domain.policy;

import dev.pdvault.domain.shared.Ids;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data catalogue: the privacy policy's categories, fields, purposes and key classes, in one versioned
 * document. Everything the vault accepts is named here; everything else is refused.
 */
public record Catalogue(String version, Map<Category, CategoryDefinition> categories,
                        Map<Purpose, PurposeDefinition> purposes, Set<KeyClass> keyClasses) {

    public Catalogue {
        categories = Map.copyOf(categories);
        purposes = Map.copyOf(purposes);
        keyClasses = Set.copyOf(keyClasses);
    }

    public Optional<CategoryDefinition> category(String name) {
        return Ids.isName(name) ? Optional.ofNullable(categories.get(new Category(name))) : Optional.empty();
    }

    public Optional<PurposeDefinition> purpose(String name) {
        return Ids.isName(name) ? Optional.ofNullable(purposes.get(new Purpose(name))) : Optional.empty();
    }
}
