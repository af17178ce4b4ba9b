package dev.pdvault.domain.shared;

/** Validation shared by the typed ids: short, printable, and free of anything that could smuggle data. */
public final class Ids {


    private Ids() {
    }

    /** A lower-case name such as a category, purpose or identity: {@code [a-z0-9][a-z0-9._-]{0,63}}. */
    public static String requireName(String value, String what) {
        if (!isName(value)) {
            throw new InvalidIdException(what);
        }
        return value;
    }

    /** Hand-written rather than a regular expression: ids are checked several times on every request. */
    public static boolean isName(String value) {
        if (value == null || value.isEmpty() || value.length() > 64 || !lowerOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!lowerOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** A lower-case canonical UUID. */
    public static String requireUuid(String value, String what) {
        if (!isUuid(value)) {
            throw new InvalidIdException(what);
        }
        return value;
    }

    public static boolean isUuid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean lowerOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
