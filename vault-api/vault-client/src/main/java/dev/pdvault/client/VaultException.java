package dev.pdvault.client;

/** Every failure of a call to the vault. Messages never carry a value sent or received. */
public abstract sealed class VaultException extends RuntimeException
        permits VaultProblemException, VaultTransportException {

    VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
