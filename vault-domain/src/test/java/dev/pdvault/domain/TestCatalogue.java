package dev.pdvault.domain;

import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.CategoryDefinition;
import dev.pdvault.domain.policy.FieldDefinition;
import dev.pdvault.domain.policy.FieldType;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.PurposeDefinition;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.policy.RecipientDefinition;
import dev.pdvault.domain.policy.RecipientKind;
import dev.pdvault.domain.policy.RetentionRule;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A small catalogue with the shape of the policy's: basic and additional purposes, sensitive categories,
 * opt-outs and recipients. Domain tests decide against it; the real one is loaded from YAML by the API.
 */
public final class TestCatalogue {

    public static final Purpose MEMBERSHIP = Purpose.of("membership");
    public static final Purpose PERSONALISED = Purpose.of("personalised_membership");
    public static final Purpose CUSTOMER_SERVICE = Purpose.of("customer_service");
    public static final Purpose SECURITY = Purpose.of("security");
    public static final Purpose ORDER_FULFILMENT = Purpose.of("order_fulfilment");
    public static final Purpose DELIVERY = Purpose.of("delivery");
    public static final Purpose PAYMENT = Purpose.of("payment");
    public static final Purpose REAL_NAME = Purpose.of("real_name_verification");
    public static final Purpose LOCATION_RECOMMENDATION = Purpose.of("location_recommendation");
    public static final Purpose ADVERTISING = Purpose.of("advertising");
    public static final Purpose MARKETING_SMS = Purpose.of("marketing_sms");
    public static final Purpose LEGAL_OBLIGATION = Purpose.of("legal_obligation");
    public static final Purpose CROSS_BORDER = Purpose.of("cross_border_transfer");
    public static final Purpose TRANSFER = Purpose.of("transfer");
    public static final Purpose PUBLIC_DISCLOSURE = Purpose.of("public_disclosure");

    public static final Category MEMBER = Category.of("membership");
    public static final Category PROFILE = Category.of("profile");
    public static final Category LOCATION = Category.of("location");
    public static final Category ORDER = Category.of("order");
    public static final Category PAYMENT_INFO = Category.of("payment");
    public static final Category IDENTITY_DOCUMENT = Category.of("identity_document");
    public static final Category SERVICE_LOG = Category.of("service_log");
    public static final Category GUARDIAN = Category.of("guardian");

    public static final Recipient COURIER_COMPANY = Recipient.of("sf-express");
    public static final Recipient BANK = Recipient.of("visa");
    public static final Recipient AD_CLIENT = Recipient.of("ad-partner");
    public static final Recipient FOREIGN_BANK = Recipient.of("paypal");

    public static final Catalogue CATALOGUE = build();

    private TestCatalogue() {
    }

    private static Catalogue build() {
        Map<Purpose, PurposeDefinition> purposes = new HashMap<>();
        for (Purpose basic : List.of(MEMBERSHIP, CUSTOMER_SERVICE, SECURITY, ORDER_FULFILMENT, DELIVERY, PAYMENT,
                REAL_NAME, LEGAL_OBLIGATION)) {
            purposes.put(basic, new PurposeDefinition(basic, true));
        }
        for (Purpose additional : List.of(PERSONALISED, LOCATION_RECOMMENDATION, CROSS_BORDER, TRANSFER,
                PUBLIC_DISCLOSURE)) {
            purposes.put(additional, new PurposeDefinition(additional, false));
        }
        purposes.put(ADVERTISING, new PurposeDefinition(ADVERTISING, false, Optional.of(OptOut.TARGETING)));
        purposes.put(MARKETING_SMS, new PurposeDefinition(MARKETING_SMS, false, Optional.of(OptOut.SMS)));
        KeyClass account = KeyClass.of("account");
        KeyClass transaction = KeyClass.of("transaction");
        KeyClass identity = KeyClass.of("identity");
        Map<Category, CategoryDefinition> categories = new HashMap<>();
        add(categories, MEMBER, account, false, Set.of(MEMBERSHIP, CUSTOMER_SERVICE, SECURITY, LEGAL_OBLIGATION),
                "phone:MOBILE_PHONE", "member_name:TEXT");
        add(categories, PROFILE, account, false, Set.of(MEMBERSHIP, PERSONALISED, LEGAL_OBLIGATION),
                "real_name:TEXT", "birth_date:DATE");
        add(categories, LOCATION, account, true, Set.of(LOCATION_RECOMMENDATION, SECURITY, LEGAL_OBLIGATION),
                "gps_location:GEO_LOCATION");
        add(categories, ORDER, transaction, false,
                Set.of(ORDER_FULFILMENT, DELIVERY, CUSTOMER_SERVICE, LEGAL_OBLIGATION),
                "consignee_name:TEXT", "address:TEXT", "postal_code:POSTAL_CODE", "consignee_phone:MOBILE_PHONE");
        add(categories, PAYMENT_INFO, transaction, false, Set.of(PAYMENT, CUSTOMER_SERVICE, LEGAL_OBLIGATION),
                "order_number:ORDER_NUMBER", "amount:AMOUNT");
        add(categories, IDENTITY_DOCUMENT, identity, true, Set.of(REAL_NAME, LEGAL_OBLIGATION),
                "id_card_number:ID_DOCUMENT");
        add(categories, SERVICE_LOG, account, false, Set.of(ADVERTISING, MARKETING_SMS, SECURITY),
                "search_query:TEXT");
        add(categories, GUARDIAN, account, false, Set.of(MEMBERSHIP), "guardian_name:TEXT");
        Map<Recipient, RecipientDefinition> recipients = Map.of(
                COURIER_COMPANY, new RecipientDefinition(COURIER_COMPANY, RecipientKind.DELIVERY_COMPANY, "CN",
                        Map.of(DELIVERY, Set.of("order.consignee_name", "order.address", "order.consignee_phone"))),
                BANK, new RecipientDefinition(BANK, RecipientKind.PAYMENT_INSTITUTION, "CN",
                        Map.of(PAYMENT, Set.of("payment.order_number", "payment.amount"))),
                AD_CLIENT, new RecipientDefinition(AD_CLIENT, RecipientKind.ADVERTISING_CLIENT, "CN", Map.of()),
                FOREIGN_BANK, new RecipientDefinition(FOREIGN_BANK, RecipientKind.PAYMENT_INSTITUTION, "US",
                        Map.of(PAYMENT, Set.of("payment.order_number", "payment.amount"))));
        return new Catalogue("test-1", categories, purposes, Set.of(account, transaction, identity), recipients, 5);
    }

    private static void add(Map<Category, CategoryDefinition> categories, Category category, KeyClass keyClass,
                            boolean sensitive, Set<Purpose> purposes, String... fields) {
        Map<String, FieldDefinition> defs = Arrays.stream(fields).map(f -> f.split(":"))
                .collect(Collectors.toMap(f -> f[0], f -> new FieldDefinition(f[0], FieldType.valueOf(f[1]), 512)));
        RetentionRule retention = keyClass.name().equals("transaction")
                ? new RetentionRule(RetentionRule.Basis.AFTER_TRANSACTION_COMPLETES, java.time.Period.ofYears(3))
                : RetentionRule.whilePurposeLasts();
        categories.put(category, new CategoryDefinition(category, keyClass, sensitive, defs, purposes, retention));
    }
}
