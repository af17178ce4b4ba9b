package dev.pdvault.domain.policy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The kinds of value the catalogue's fields hold, each with its validation. A rejected value is never echoed
 * back: callers learn which field failed and why in general terms only.
 */
public enum FieldType {
    TEXT(null),
    MOBILE_PHONE(Pattern.compile("\\+?[0-9][0-9 -]{6,19}")),
    POSTAL_CODE(Pattern.compile("[0-9A-Za-z][0-9A-Za-z -]{2,9}")),
    DATE(null),
    ID_DOCUMENT(Pattern.compile("[0-9A-Za-z]{5,24}")),
    IMAGE(Pattern.compile("[A-Za-z0-9+/=\\r\\n]{4,}")),
    BIOMETRIC_TEMPLATE(Pattern.compile("[A-Za-z0-9+/=]{16,}")),
    ORDER_NUMBER(Pattern.compile("[0-9A-Za-z-]{4,40}")),
    AMOUNT(Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,4})?( [A-Z]{3})?")),
    GEO_LOCATION(Pattern.compile("-?[0-9]{1,2}(\\.[0-9]+)?,\\s?-?[0-9]{1,3}(\\.[0-9]+)?")),
    IP_ADDRESS(Pattern.compile("[0-9a-fA-F:.]{3,45}")),
    EMAIL(Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}")),
    /** Never collected as a record, so never tokenized: only as a sealed one-way hash, by the password endpoint. */
    PASSWORD(null);

    private final Pattern pattern;

    FieldType(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Whether a value of this type may ever be handed back in plaintext. */
    public boolean detokenizable() {
        return this != PASSWORD;
    }

    public boolean accepts(String value) {
        if (value == null || value.isEmpty() || this == PASSWORD) {
            return false;
        }
        if (this == DATE) {
            try {
                LocalDate.parse(value);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        if (this == TEXT) {
            return value.codePoints().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t');
        }
        return pattern.matcher(value).matches();
    }
}
