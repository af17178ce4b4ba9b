package dev.pdvault.domain.request.api;

/** Refused, and nothing recorded: the request is already fulfilled or refused. */
public class RequestClosedException extends RuntimeException {

    private final RequestId requestId;

    public RequestClosedException(RequestId requestId) {
        super("request " + requestId + ": the request is already fulfilled or refused", null, false, false);
        this.requestId = requestId;
    }

    public RequestId requestId() {
        return requestId;
    }
}
