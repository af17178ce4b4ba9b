package dev.pdvault.domain.policy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A data category of the policy: its fields, whether it is sensitive personal information (it then needs its
 * own explicit consent), the key class that seals it, how long it is kept, and the purposes that may use it.
 */
public record CategoryDefinition(Category category, KeyClass keyClass, boolean sensitive,
                                 Map<String, FieldDefinition> fields, Set<Purpose> purposes, RetentionRule retention) {

    public CategoryDefinition {
        fields = Map.copyOf(fields);
        purposes = Set.copyOf(purposes);
    }

    public CategoryDefinition(Category category, KeyClass keyClass, boolean sensitive,
                              Map<String, FieldDefinition> fields, Set<Purpose> purposes) {
        this(category, keyClass, sensitive, fields, purposes, RetentionRule.whilePurposeLasts());
    }

    public Optional<FieldDefinition> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }
}
