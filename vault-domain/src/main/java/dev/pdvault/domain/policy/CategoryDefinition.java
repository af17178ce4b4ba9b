package dev.pdvault.domain.policy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A data category of the policy: its fields, whether it is sensitive personal information (separate explicit
 * consent), the key class that seals it (its retention), and the purposes it may be collected and used for.
 */
public record CategoryDefinition(Category category, KeyClass keyClass, boolean sensitive,
                                 Map<String, FieldDefinition> fields, Set<Purpose> purposes) {

    public CategoryDefinition {
        fields = Map.copyOf(fields);
        purposes = Set.copyOf(purposes);
    }

    public Optional<FieldDefinition> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }
}
