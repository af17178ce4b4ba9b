package dev.pdvault.domain.request.api;

/**
 * The checks on the few texts a request carries (a verification method, a refusal note, an outcome, an
 * explanation): printable, bounded, one line. They are meant as references and summaries, never personal data;
 * no check can tell, so the API says so and the officer is responsible.
 */
public final class FreeText {

    /** The longest note, outcome or explanation. */
    public static final int MAX = 500;

    private FreeText() {
    }

    /** 1 to {@code max} characters, no control characters, not only blanks. */
    public static boolean isValid(String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A short reference: 1 to 64 letters, digits and {@code -_/.:#} and spaces, starting with a letter or digit. */
    public static boolean isReference(String value) {
        return value != null && value.matches("[A-Za-z0-9][A-Za-z0-9 _/.:#-]{0,63}");
    }
}
