package dev.pdvault.domain.disclosure.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.InvalidIdException;

/**
 * The company or organisation that receives transferred data (a buyer, a successor, a liquidator). Shown in
 * the subjects' history, so it is limited to an organisation's name: 1 to 128 letters, digits, spaces and
 * {@code .,&()'/-}, starting with a letter or digit.
 */
public record Organisation(@JsonValue String name) {

    public Organisation {
        if (!isName(name)) {
            throw new InvalidIdException("organisation");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Organisation of(String name) {
        return new Organisation(name);
    }

    public static boolean isName(String value) {
        if (value == null || value.isEmpty() || value.length() > 128 || !Character.isLetterOrDigit(value.codePointAt(0))
                || value.strip().length() != value.length()) {
            return false;
        }
        return value.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || ".,&()'/-".indexOf(c) >= 0);
    }

    @Override
    public String toString() {
        return name;
    }
}
