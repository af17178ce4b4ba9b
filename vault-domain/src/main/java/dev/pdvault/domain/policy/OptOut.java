package dev.pdvault.domain.policy;

/**
 * What a subject can opt out of without giving a reason (policy: One (2), V (3)): promotional messages per
 * channel, and targeting by personal features. A purpose names the opt-out that stops it.
 */
public enum OptOut {
    SMS, EMAIL, PUSH, TARGETING
}
