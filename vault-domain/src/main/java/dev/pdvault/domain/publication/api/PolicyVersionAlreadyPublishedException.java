package dev.pdvault.domain.publication.api;

/** A label names one version only: publishing it again is refused, and nothing is recorded. */
public class PolicyVersionAlreadyPublishedException extends RuntimeException {

    public PolicyVersionAlreadyPublishedException(String label) {
        super("policy version " + label + " was already published", null, false, false);
    }
}
