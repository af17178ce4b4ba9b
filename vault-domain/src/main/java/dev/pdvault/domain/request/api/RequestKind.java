package dev.pdvault.domain.request.api;

/** What a subject asks for (policy: V (I) to (5)). */
public enum RequestKind {
    /** V (I): inquire: a machine-readable file of everything held, with the history of accesses and shares. */
    ACCESS_EXPORT,
    /** V (I): correct or supplement; the corrections themselves go through the token correction path. */
    CORRECTION,
    /** V (2): delete, for one of the policy's {@link DeletionGround}s. */
    DELETION,
    /** V (3): withdraw a consent to a purpose (or a sensitive category for it). */
    CONSENT_WITHDRAWAL,
    /** V (4): cancel the account, which erases the subject. */
    ACCOUNT_CANCELLATION,
    /** V (5): explain an automated decision, with its inputs; the explanation can be appealed. */
    AUTOMATED_DECISION_EXPLANATION
}
