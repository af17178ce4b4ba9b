package dev.pdvault.domain.keys.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a KEK version after NIST SP 800-57 Part 1, section 7: what it may do in each, and which state
 * may follow which. A version is generated into {@code PRE_ACTIVATION}; only the primary version wraps new data
 * keys, and the primary is always {@code ACTIVE}.
 */
public enum KekState {
    /** Generated, not yet used for anything. */
    PRE_ACTIVATION,
    /** May wrap (if it is the primary) and unwrap. */
    ACTIVE,
    /** Temporarily kept from wrapping; still unwraps, so nothing it protects becomes unreadable. */
    SUSPENDED,
    /** Retired: never wraps again, unwraps what still depends on it until that is rewrapped. */
    DEACTIVATED,
    /** Believed known to someone else: never wraps, unwraps only until everything is rewrapped away from it. */
    COMPROMISED,
    /** Gone from the KEK set for good, with every copy of every data key it alone wrapped. */
    DESTROYED;

    /** The states a version may move to from this one. */
    public Set<KekState> next() {
        return switch (this) {
            case PRE_ACTIVATION -> EnumSet.of(ACTIVE, COMPROMISED, DESTROYED);
            case ACTIVE -> EnumSet.of(SUSPENDED, DEACTIVATED, COMPROMISED);
            case SUSPENDED -> EnumSet.of(ACTIVE, DEACTIVATED, COMPROMISED);
            case DEACTIVATED -> EnumSet.of(COMPROMISED, DESTROYED);
            case COMPROMISED -> EnumSet.of(DESTROYED);
            case DESTROYED -> EnumSet.noneOf(KekState.class);
        };
    }

    public boolean mayMoveTo(KekState target) {
        return next().contains(target);
    }

    /** Whether a data key may be wrapped by a version in this state (the primary's state). */
    public boolean mayWrap() {
        return this == ACTIVE;
    }

    /** Whether a data key wrapped by a version in this state may still be unwrapped. */
    public boolean mayUnwrap() {
        return this != PRE_ACTIVATION && this != DESTROYED;
    }
}
