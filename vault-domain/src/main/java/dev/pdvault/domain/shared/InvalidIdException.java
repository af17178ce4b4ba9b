package dev.pdvault.domain.shared;

/** An id or name of the wrong shape. Names which kind of id it was, never the value (it may be anything). */
public final class InvalidIdException extends IllegalArgumentException {

    private final String kind;

    public InvalidIdException(String kind) {
        super("invalid " + kind);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
