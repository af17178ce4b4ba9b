package dev.pdvault.domain.request.api;

/** Where a request is: received, identity verified, then fulfilled or refused (the two closed states). */
public enum RequestStatus {
    RECEIVED, IDENTITY_VERIFIED, FULFILLED, REFUSED;

    public boolean open() {
        return this == RECEIVED || this == IDENTITY_VERIFIED;
    }
}
