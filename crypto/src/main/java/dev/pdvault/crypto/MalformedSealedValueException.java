package dev.pdvault.crypto;

/** A byte string that is not a sealed value of a known layout. Carries no detail of the input on purpose. */
public final class MalformedSealedValueException extends CryptoException {

    public MalformedSealedValueException() {
        super("malformed sealed value");
    }
}
