package dev.pdvault.domain.policy;

/**
 * A subject's consent to one scope as it stands: in force or withdrawn, and the policy version it was given
 * under (a later major change of that purpose puts it on hold).
 */
public record ConsentStatus(boolean inForce, int policyVersion) {
}
