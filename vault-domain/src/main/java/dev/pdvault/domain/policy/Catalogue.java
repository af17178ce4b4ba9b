package dev.pdvault.domain.policy;

import dev.pdvault.domain.shared.Ids;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data catalogue: the privacy policy's categories, fields, purposes, key classes and recipients, in one
 * versioned document. Everything the vault accepts is named here; everything else is refused.
 *
 * @param minimumAggregateGroup the smallest group an aggregated statistic may describe (advertising clients)
 */
public record Catalogue(String version, Map<Category, CategoryDefinition> categories,
                        Map<Purpose, PurposeDefinition> purposes, Set<KeyClass> keyClasses,
                        Map<Recipient, RecipientDefinition> recipients, int minimumAggregateGroup) {

    public Catalogue {
        categories = Map.copyOf(categories);
        purposes = Map.copyOf(purposes);
        keyClasses = Set.copyOf(keyClasses);
        recipients = Map.copyOf(recipients);
    }

    public Catalogue(String version, Map<Category, CategoryDefinition> categories,
                     Map<Purpose, PurposeDefinition> purposes, Set<KeyClass> keyClasses) {
        this(version, categories, purposes, keyClasses, Map.of(), 1);
    }

    public Optional<CategoryDefinition> category(String name) {
        return Ids.isName(name) ? Optional.ofNullable(categories.get(new Category(name))) : Optional.empty();
    }

    public Optional<PurposeDefinition> purpose(String name) {
        return Ids.isName(name) ? Optional.ofNullable(purposes.get(new Purpose(name))) : Optional.empty();
    }

    public Optional<RecipientDefinition> recipient(String name) {
        return Ids.isName(name) ? Optional.ofNullable(recipients.get(new Recipient(name))) : Optional.empty();
    }

    public CategoryDefinition definition(Category category) {
        CategoryDefinition definition = categories.get(category);
        if (definition == null) {
            throw new IllegalArgumentException("category not in the catalogue: " + category);
        }
        return definition;
    }

    public PurposeDefinition definition(Purpose purpose) {
        PurposeDefinition definition = purposes.get(purpose);
        if (definition == null) {
            throw new IllegalArgumentException("purpose not in the catalogue: " + purpose);
        }
        return definition;
    }
}
