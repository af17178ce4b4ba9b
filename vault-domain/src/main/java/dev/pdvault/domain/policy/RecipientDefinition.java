package dev.pdvault.domain.policy;

import java.util.Map;
import java.util.Set;

/**
 * A recipient and exactly what it may receive: for each purpose, the fields ({@code category.field}). A
 * recipient that receives nothing for a purpose gets nothing for it; an advertising client receives no field.
 *
 * @param region where the recipient processes the data (ISO 3166), which decides whether a share crosses a border
 */
public record RecipientDefinition(Recipient recipient, RecipientKind kind, String region,
                                  Map<Purpose, Set<String>> receives) {

    public RecipientDefinition {
        receives = Map.copyOf(receives);
    }

    public boolean mayReceive(Purpose purpose, Category category, String field) {
        return receives.getOrDefault(purpose, Set.of()).contains(category.name() + "." + field);
    }
}
