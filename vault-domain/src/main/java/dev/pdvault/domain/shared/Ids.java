package dev.pdvault.domain.shared;

import java.util.regex.Pattern;

/** Validation shared by the typed ids: short, printable, and free of anything that could smuggle data. */
public final class Ids {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Ids() {
    }

    /** A lower-case name such as a category, purpose or identity: {@code [a-z0-9][a-z0-9._-]{0,63}}. */
    public static String requireName(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidIdException(what);
        }
        return value;
    }

    public static boolean isName(String value) {
        return value != null && NAME.matcher(value).matches();
    }

    /** A lower-case canonical UUID. */
    public static String requireUuid(String value, String what) {
        if (value == null || !UUID.matcher(value).matches()) {
            throw new InvalidIdException(what);
        }
        return value;
    }
}
