package dev.pdvault.client;

/** 403: the policy or the identity's roles refused the call. {@link #reason()} names why (e.g. {@code purpose-not-granted}, {@code consent-required}, {@code opted-out}); a refused detokenization is recorded by the vault. */
public final class AccessDeniedException extends VaultProblemException {

    AccessDeniedException(Problem problem) {
        super(problem, null);
    }
}
