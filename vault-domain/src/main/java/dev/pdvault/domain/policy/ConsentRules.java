package dev.pdvault.domain.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which consents a processing needs, and whether a subject's consents cover it. A basic purpose rests on the
 * contract and needs none; an additional purpose needs consent to it; sensitive personal information needs a
 * consent of its own to the category for the purpose, basic or not.
 */
public final class ConsentRules {

    private ConsentRules() {
    }

    public static List<ConsentScope> required(PurposeDefinition purpose, CategoryDefinition category) {
        List<ConsentScope> scopes = new ArrayList<>(2);
        if (!purpose.basic()) {
            scopes.add(ConsentScope.of(purpose.purpose()));
        }
        if (category.sensitive()) {
            scopes.add(ConsentScope.of(purpose.purpose(), category.category()));
        }
        return scopes;
    }

    /** The first consent problem among the required scopes, or empty when every one is in force. */
    public static Optional<ConsentProblem> check(List<ConsentScope> required, Map<ConsentScope, ConsentStatus> held,
                                                 PolicyChanges changes) {
        for (ConsentScope scope : required) {
            ConsentStatus status = held.get(scope);
            if (status == null) {
                return Optional.of(ConsentProblem.MISSING);
            }
            if (!status.inForce()) {
                return Optional.of(ConsentProblem.WITHDRAWN);
            }
            if (status.policyVersion() < changes.consentValidFrom(scope.purpose())) {
                return Optional.of(ConsentProblem.ON_HOLD);
            }
        }
        return Optional.empty();
    }
}
