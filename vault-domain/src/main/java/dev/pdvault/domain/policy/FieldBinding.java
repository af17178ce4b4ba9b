package dev.pdvault.domain.policy;

/**
 * What a sealed value is bound to besides its subject, key class and token: its category, field and the
 * purpose it was collected for. It goes into the associated data, so a row whose category, field or purpose
 * was changed in the database (to widen who may read it) no longer opens.
 */
public final class FieldBinding {

    private FieldBinding() {
    }

    /** {@code category/field/purpose}: names only, each {@code [a-z0-9._-]}, so the form is unambiguous. */
    public static String of(Category category, String field, Purpose purpose) {
        return category.name() + "/" + field + "/" + purpose.name();
    }
}
