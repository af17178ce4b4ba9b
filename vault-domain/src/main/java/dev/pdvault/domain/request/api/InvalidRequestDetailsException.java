package dev.pdvault.domain.request.api;

/** Refused, and nothing recorded: the request's details do not fit its kind. */
public class InvalidRequestDetailsException extends RuntimeException {

    private final RequestId requestId;

    public InvalidRequestDetailsException(RequestId requestId) {
        super("request " + requestId + ": the request's details do not fit its kind", null, false, false);
        this.requestId = requestId;
    }

    public RequestId requestId() {
        return requestId;
    }
}
