package dev.pdvault.client;

/**
 * An RFC 9457 problem document as the vault sent it. The vault's types are
 * {@code https://pdvault.dev/problems/<reason>}; {@link #reason()} is that last part, the stable name listed in
 * docs/api.md. The vault never echoes request content in a problem, so none of this is personal data.
 */
public record Problem(int status, String type, String title, String detail) {

    public static final String TYPE_BASE = "https://pdvault.dev/problems/";

    /** The stable reason, e.g. {@code consent-required}; {@code http-<status>} when the answer was no problem. */
    public String reason() {
        if (type != null && type.startsWith(TYPE_BASE)) {
            return type.substring(TYPE_BASE.length());
        }
        return "http-" + status;
    }

    static Problem withoutDocument(int status) {
        return new Problem(status, null, "HTTP " + status, null);
    }
}
