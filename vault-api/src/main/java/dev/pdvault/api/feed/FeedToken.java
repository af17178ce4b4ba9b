package dev.pdvault.api.feed;

/** A token in a feed message, with the name of its field (never its value). */
public record FeedToken(String field, String token) {
}
