package dev.pdvault.client;

/**
 * The call got no answer from the vault. {@link #mayHaveReachedVault()} is false only when the connection was
 * never made (refused, or timed out while connecting): then the vault did nothing. Otherwise a write may have been
 * carried out, and a detokenization recorded, without the answer arriving.
 */
public final class VaultTransportException extends VaultException {

    private final boolean mayHaveReachedVault;

    VaultTransportException(String message, Throwable cause, boolean mayHaveReachedVault) {
        super(message, cause);
        this.mayHaveReachedVault = mayHaveReachedVault;
    }

    public boolean mayHaveReachedVault() {
        return mayHaveReachedVault;
    }
}
