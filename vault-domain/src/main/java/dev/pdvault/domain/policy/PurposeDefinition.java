package dev.pdvault.domain.policy;

import java.util.Optional;

/**
 * A purpose of processing. A basic one is needed for the service and rests on the contract with the subject;
 * an additional one needs the subject's consent and may be refused freely (policy: One, 1. and 2.). A purpose
 * may be stopped by an opt-out (promotional channels, targeting).
 */
public record PurposeDefinition(Purpose purpose, boolean basic, Optional<OptOut> optOut) {

    public PurposeDefinition(Purpose purpose, boolean basic) {
        this(purpose, basic, Optional.empty());
    }
}
