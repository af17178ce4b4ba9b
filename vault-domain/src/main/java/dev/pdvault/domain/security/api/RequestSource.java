package dev.pdvault.domain.security.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.InvalidIdException;

/**
 * The network address a request came from (an IPv4 or IPv6 literal), or {@link #OVERFLOW} when the vault tracked
 * too many sources in one minute to name each. Only address characters are accepted, so nothing else can be
 * smuggled into the event store through it.
 */
public record RequestSource(@JsonValue String value) {

    public static final RequestSource OVERFLOW = new RequestSource("overflow");

    public RequestSource {
        if (value == null || value.isEmpty() || value.length() > 45
                || !(value.equals("overflow") || value.chars().allMatch(RequestSource::addressChar))) {
            throw new InvalidIdException("request source");
        }
    }

    private static boolean addressChar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RequestSource of(String value) {
        return new RequestSource(value);
    }
}
