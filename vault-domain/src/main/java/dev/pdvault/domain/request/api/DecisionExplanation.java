package dev.pdvault.domain.request.api;

import java.util.List;

/**
 * How an automated decision was explained (policy: V (5)): the inputs it used, named (data categories, model and
 * rule versions), and the explanation given, as a reference or a short text. No personal data.
 */
public record DecisionExplanation(List<String> inputs, String explanation) {

    public static final int MAX_INPUTS = 32;

    public DecisionExplanation {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty() || inputs.size() > MAX_INPUTS || !inputs.stream().allMatch(FreeText::isReference)) {
            throw new dev.pdvault.domain.shared.InvalidIdException("decision input");
        }
        if (!FreeText.isValid(explanation, FreeText.MAX)) {
            throw new dev.pdvault.domain.shared.InvalidIdException("explanation");
        }
    }
}
