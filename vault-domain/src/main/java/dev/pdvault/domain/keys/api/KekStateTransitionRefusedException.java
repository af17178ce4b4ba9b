package dev.pdvault.domain.keys.api;

/** The state machine of KEK versions does not allow this move (or the primary would stop being active). */
public class KekStateTransitionRefusedException extends RuntimeException {

    private final KekVersion version;
    private final KekState from;
    private final KekState to;

    public KekStateTransitionRefusedException(KekVersion version, KekState from, KekState to, String why) {
        super("KEK version " + version.value() + " cannot move from " + (from == null ? "nothing" : from) + " to "
                + to + ": " + why, null, false, false);
        this.version = version;
        this.from = from;
        this.to = to;
    }

    public KekVersion version() {
        return version;
    }

    public KekState from() {
        return from;
    }

    public KekState to() {
        return to;
    }
}
