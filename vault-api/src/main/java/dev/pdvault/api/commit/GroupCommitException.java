package dev.pdvault.api.commit;

/**
 * A request's writes were not committed. Whatever the request would have returned must not be returned:
 * the API answers 503 and no plaintext.
 */
public final class GroupCommitException extends RuntimeException {

    public GroupCommitException(String message, Throwable cause) {
        super(message, cause);
    }
}
