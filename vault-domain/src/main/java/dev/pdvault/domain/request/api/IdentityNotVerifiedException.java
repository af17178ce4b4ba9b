package dev.pdvault.domain.request.api;

/** Refused, and nothing recorded: the subject's identity is not verified yet; nothing is fulfilled before it is. */
public class IdentityNotVerifiedException extends RuntimeException {

    private final RequestId requestId;

    public IdentityNotVerifiedException(RequestId requestId) {
        super("request " + requestId + ": the subject's identity is not verified yet; nothing is fulfilled before it is", null, false, false);
        this.requestId = requestId;
    }

    public RequestId requestId() {
        return requestId;
    }
}
