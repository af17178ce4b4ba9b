package dev.pdvault.domain.subject.api;

/** A string that is not a token. Never echoes the input, which could be anything, personal data included. */
public final class MalformedTokenException extends IllegalArgumentException {

    public MalformedTokenException() {
        super("malformed token");
    }
}
