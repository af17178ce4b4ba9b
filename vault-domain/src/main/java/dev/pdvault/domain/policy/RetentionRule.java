package dev.pdvault.domain.policy;

import java.time.Period;

/**
 * How long a category is kept (policy: How do we protect your information (2)): while its purpose lasts, or
 * a fixed period after the transaction completes (the E-commerce Law's three years for transaction records).
 */
public record RetentionRule(Basis basis, Period period) {

    public enum Basis {
        WHILE_PURPOSE_LASTS, AFTER_TRANSACTION_COMPLETES
    }

    public static RetentionRule whilePurposeLasts() {
        return new RetentionRule(Basis.WHILE_PURPOSE_LASTS, Period.ZERO);
    }
}
