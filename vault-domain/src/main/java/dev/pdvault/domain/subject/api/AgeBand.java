package dev.pdvault.domain.subject.api;

/**
 * A coarse age at registration, kept in clear because consent rules depend on it (a subject under 14 needs
 * a guardian's consent); the birth date itself is sealed.
 */
public enum AgeBand {
    UNDER_14, FROM_14_TO_17, ADULT, UNKNOWN
}
