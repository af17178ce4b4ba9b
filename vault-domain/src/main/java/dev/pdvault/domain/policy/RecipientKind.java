package dev.pdvault.domain.policy;

/** The kinds of recipient the policy names (Three (1)): who may receive personal data, and on what terms. */
public enum RecipientKind {
    /** Payment institutions: the order number and amount, nothing else (One (5)). */
    PAYMENT_INSTITUTION,
    /** Delivery companies: the order's consignee data (One (6)). */
    DELIVERY_COMPANY,
    /** Third-party merchants: order information needed for the transaction (Three (1) 5. (2)). */
    THIRD_PARTY_MERCHANT,
    /** Affiliates: only the necessary data, for the policy's purposes (Three (1) 4.). */
    AFFILIATE,
    /** Advertising clients: never personal data, only aggregated statistics (Three (1) 5. (3)). */
    ADVERTISING_CLIENT,
    /** Administrative and judicial authorities: only under a legal exception (Three (1) 1., Three (4)). */
    AUTHORITY
}
