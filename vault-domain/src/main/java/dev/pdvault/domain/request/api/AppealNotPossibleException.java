package dev.pdvault.domain.request.api;

/** Refused, and nothing recorded: only a fulfilled explanation of an automated decision can be appealed, once. */
public class AppealNotPossibleException extends RuntimeException {

    private final RequestId requestId;

    public AppealNotPossibleException(RequestId requestId) {
        super("request " + requestId + ": only a fulfilled explanation of an automated decision can be appealed, once", null, false, false);
        this.requestId = requestId;
    }

    public RequestId requestId() {
        return requestId;
    }
}
