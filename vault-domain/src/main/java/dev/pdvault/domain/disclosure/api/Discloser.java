package dev.pdvault.domain.disclosure.api;

/**
 * What the calling identity may do about transfers and public disclosures: decide them as the privacy officer,
 * and invoke the policy's legal exceptions (Three (4)).
 */
public record Discloser(boolean privacyOfficer, boolean mayInvokeLegalExceptions) {

    public static Discloser none() {
        return new Discloser(false, false);
    }
}
