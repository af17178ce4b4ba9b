package dev.pdvault.domain.request.api;

/** Refused, and nothing recorded: the fulfilment lacks what the request's kind needs (an export count, or the decision's inputs and explanation). */
public class FulfilmentIncompleteException extends RuntimeException {

    private final RequestId requestId;

    public FulfilmentIncompleteException(RequestId requestId) {
        super("request " + requestId + ": the fulfilment lacks what the request's kind needs (an export count, or the decision's inputs and explanation)", null, false, false);
        this.requestId = requestId;
    }

    public RequestId requestId() {
        return requestId;
    }
}
