package dev.pdvault.domain.policy;

/** Why the consent a processing needs is not there. */
public enum ConsentProblem {
    /** Never given. */
    MISSING,
    /** Given, then withdrawn: later processing stops, earlier processing stays lawful. */
    WITHDRAWN,
    /** Given under a policy version that a later major change of the purpose replaced; it must be renewed. */
    ON_HOLD
}
