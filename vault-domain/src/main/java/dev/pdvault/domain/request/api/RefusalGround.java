package dev.pdvault.domain.request.api;

/**
 * Why a request is not answered: the six cases of policy V (6) "We will not be able to respond", and the two
 * kinds of request it says may be rejected.
 */
public enum RefusalGround {
    /** 1. Related to national security and national defence security. */
    NATIONAL_SECURITY,
    /** 2. Related to public safety, public health and major public interests. */
    PUBLIC_SAFETY_OR_HEALTH,
    /** 3. Related to criminal investigation, prosecution, trial and the execution of judgments. */
    CRIMINAL_INVESTIGATION,
    /** 4. Sufficient evidence of subjective malice or abuse of the subject's rights. */
    MALICE_OR_ABUSE,
    /** 5. Answering would seriously damage the rights and interests of the subject or of others. */
    HARM_TO_OTHERS,
    /** 6. Related to trade secrets. */
    TRADE_SECRETS,
    /** "Unprovoked duplication", "multiple repeated ... requests": refused automatically past the limit. */
    EXCESSIVE_REPETITION,
    /** "Requests for information that is not directly related to your identity". */
    NOT_RELATED_TO_IDENTITY
}
