package dev.pdvault.domain.policy;

/**
 * The policy's exceptions to consent (One (11) 3. (1)-(9); Three (4) 1.-6.): legal bases on which a
 * privileged identity may access or share data without the subject's consent, always with a reference.
 */
public enum LegalException {
    NATIONAL_SECURITY,
    PUBLIC_SAFETY_AND_HEALTH,
    CRIMINAL_INVESTIGATION,
    PROTECTION_OF_LIFE,
    MADE_PUBLIC_BY_SUBJECT,
    LAWFULLY_PUBLIC_SOURCE,
    CONTRACT_PERFORMANCE,
    FAULT_HANDLING,
    OTHER_LAWS
}
