package dev.pdvault.api.request;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A request as the {@code subject_request} projection holds it, with whether it is overdue, near its due date or
 * on time (open requests only), judged by the vault's clock when read.
 */
public record RequestView(String requestId, String subjectId, String kind, JsonNode details, String status,
                          String receivedBy, Instant receivedAt, Instant dueAt, String due, Verification verification,
                          Answer answer, Instant appealedAt) {

    public record Verification(String method, String verifiedBy, Instant at) {
    }

    public record Answer(String by, Instant at, String outcome, String refusalGround, String refusalNote,
                         JsonNode explanation, Integer tokensExported) {
    }

    public record Listing(String due, List<RequestView> requests) {
    }

    public boolean open() {
        return "RECEIVED".equals(status) || "IDENTITY_VERIFIED".equals(status);
    }
}
