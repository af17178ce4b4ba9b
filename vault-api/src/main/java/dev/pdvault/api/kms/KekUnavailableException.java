package dev.pdvault.api.kms;

/**
 * The KEK cannot be used: the vault is sealed. Its message is the cause an operator reads in the 503 and in
 * health, so it names the provider and the kind of failure, never a secret or a key.
 */
public class KekUnavailableException extends RuntimeException {

    public KekUnavailableException(String message) {
        super(message, null, false, false);
    }
}
