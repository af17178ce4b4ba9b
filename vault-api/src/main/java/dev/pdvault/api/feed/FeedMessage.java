package dev.pdvault.api.feed;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One feed message for one recipient: tokens and metadata, never personal data. {@code id} is the same every
 * time the same event is delivered to the same recipient, so consumers deduplicate by it. The format is
 * docs/api.md, "The event feed".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedMessage(UUID id, int version, FeedType type, String recipient, String subjectId,
                          Instant occurredAt, String category, String purpose, List<FeedToken> tokens,
                          String reference) {

    public static final int VERSION = 1;

    public FeedMessage {
        tokens = tokens == null ? null : List.copyOf(tokens);
    }

    /** The stable id of what one event tells one recipient about one subject. */
    static UUID idOf(String eventId, String recipient, String subjectId) {
        return UUID.nameUUIDFromBytes((eventId + "\n" + recipient + "\n" + subjectId).getBytes(StandardCharsets.UTF_8));
    }
}
