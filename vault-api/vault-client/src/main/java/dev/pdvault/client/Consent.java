package dev.pdvault.client;

/**
 * A consent of a subject as the vault holds it: its scope (a purpose, and for a sensitive category the
 * category), whether it is in force, the policy version it was given under, whether a major policy change put it
 * on hold, and whether a guardian gave it.
 */
public record Consent(String purpose, String category, boolean inForce, int policyVersion, boolean onHold,
                      boolean byGuardian) {
}
