package dev.pdvault.api.feed;

/** What a feed message tells its recipient. */
public enum FeedType {
    /** New tokens of a subject, in a category the recipient may use. */
    COLLECTED,
    /** The value behind a token changed; the token did not: refresh what you derived from it. */
    CORRECTED,
    /** Tokens were disclosed to this recipient. */
    SHARED,
    /** The subject withdrew a consent: stop processing for that purpose (and category). */
    CONSENT_WITHDRAWN,
    /** The subject opted out of a channel or of targeting: stop the purposes it stops. */
    OPTED_OUT,
    /** A recipient's notice: the consent it received data under was withdrawn; stop processing it. */
    STOP_PROCESSING,
    /** The subject was erased: delete your copies of its tokens and what you derived from them. */
    ERASED
}
