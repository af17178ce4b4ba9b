package dev.pdvault.api.web;

import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.subject.api.RefusalReason;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A failure the API answers with a problem document of a stable type. Every factory here takes only names
 * the vault itself defines (fields of the catalogue, reasons), never a value from the request.
 */
public final class VaultProblem extends ErrorResponseException {

    private VaultProblem(HttpStatus status, String slug, String title, String detail) {
        super(status, Problems.problem(status, slug, title, detail), null);
    }

    public static VaultProblem of(HttpStatus status, String slug, String title, String detail) {
        return new VaultProblem(status, slug, title, detail);
    }

    public static VaultProblem unknown(String what) {
        return new VaultProblem(HttpStatus.BAD_REQUEST, "unknown-" + what, "Unknown " + what,
                "The " + what + " is not in the data catalogue.");
    }

    public static VaultProblem invalidField(String field) {
        return new VaultProblem(HttpStatus.BAD_REQUEST, "invalid-field-value", "Invalid field value",
                "The value of field '" + field + "' does not match its type or length in the data catalogue.");
    }

    public static VaultProblem fieldCount(int max) {
        return new VaultProblem(HttpStatus.BAD_REQUEST, "invalid-field-count", "Invalid number of fields",
                "A record needs between 1 and " + max + " fields.");
    }

    public static VaultProblem purposeNotAllowedForCategory() {
        return new VaultProblem(HttpStatus.BAD_REQUEST, "purpose-not-allowed-for-category",
                "Purpose not allowed for category", "The data catalogue does not allow this purpose for this category.");
    }

    public static VaultProblem unknownSubject() {
        return new VaultProblem(HttpStatus.NOT_FOUND, "unknown-subject", "Unknown subject", "No such data subject.");
    }

    public static VaultProblem unknownToken() {
        return new VaultProblem(HttpStatus.NOT_FOUND, "unknown-token", "Unknown token", "No such token.");
    }

    public static VaultProblem refused(RefusalReason reason) {
        return switch (reason) {
            case SUBJECT_ERASED, ALREADY_ERASED -> new VaultProblem(HttpStatus.GONE, "subject-erased",
                    "Subject erased", "The subject was erased; its data can no longer be read or added to.");
            case ERASURE_IN_PROGRESS -> new VaultProblem(HttpStatus.CONFLICT, "erasure-in-progress",
                    "Erasure in progress", "The subject's erasure has been requested.");
            case UNKNOWN_TOKEN -> unknownToken();
            case FIELD_MISMATCH -> new VaultProblem(HttpStatus.CONFLICT, "field-mismatch", "Field mismatch",
                    "The token does not belong to that field of the subject.");
            case CONSENT_REQUIRED -> new VaultProblem(HttpStatus.FORBIDDEN, "consent-required", "Consent required",
                    "The purpose is additional or the category sensitive, and the subject has not consented.");
            case CONSENT_WITHDRAWN -> new VaultProblem(HttpStatus.FORBIDDEN, "consent-withdrawn", "Consent withdrawn",
                    "The subject withdrew the consent this needs.");
            case CONSENT_ON_HOLD -> new VaultProblem(HttpStatus.FORBIDDEN, "consent-on-hold", "Consent on hold",
                    "A major change of the privacy policy put the consent on hold until the subject renews it.");
            case GUARDIAN_CONSENT_REQUIRED -> new VaultProblem(HttpStatus.FORBIDDEN, "guardian-consent-required",
                    "Guardian consent required", "The subject is under 14: a guardian must consent, and be named.");
            case NO_CONSENT_IN_FORCE -> new VaultProblem(HttpStatus.CONFLICT, "no-consent-in-force",
                    "No consent in force", "There is no consent in force to withdraw.");
            case UNKNOWN_COLLECTION -> new VaultProblem(HttpStatus.NOT_FOUND, "unknown-collection",
                    "Unknown collection", "The subject has no record with this collection id.");
            case NO_SUCH_HOLD -> new VaultProblem(HttpStatus.NOT_FOUND, "no-such-hold", "No such hold",
                    "No hold with this id is in force on the subject.");
        };
    }

    public static VaultProblem denied(DenialReason reason) {
        return switch (reason) {
            case CALLER_MAY_NOT_DETOKENIZE -> new VaultProblem(HttpStatus.FORBIDDEN, "caller-may-not-detokenize",
                    "Caller may not detokenize", "This identity may not detokenize.");
            case PURPOSE_NOT_GRANTED_TO_CALLER -> new VaultProblem(HttpStatus.FORBIDDEN, "purpose-not-granted",
                    "Purpose not granted", "This identity may not detokenize for this purpose.");
            case LEGAL_EXCEPTION_NOT_PERMITTED_FOR_CALLER -> new VaultProblem(HttpStatus.FORBIDDEN,
                    "legal-exception-not-permitted", "Legal exception not permitted",
                    "This identity may not invoke the policy's legal exceptions.");
            case PURPOSE_NOT_ALLOWED_FOR_CATEGORY -> new VaultProblem(HttpStatus.FORBIDDEN,
                    "purpose-not-allowed-for-category", "Purpose not allowed for the category",
                    "The privacy policy does not allow this purpose for at least one token's category.");
            case FIELD_NOT_DETOKENIZABLE -> new VaultProblem(HttpStatus.FORBIDDEN, "field-not-detokenizable",
                    "Field not detokenizable", "At least one token's field is never handed out.");
            case NOT_SHARED_WITH_RECIPIENT -> new VaultProblem(HttpStatus.FORBIDDEN, "not-shared-with-recipient",
                    "Not shared with the recipient",
                    "At least one token was not shared with this recipient for this purpose.");
            case FIELD_NOT_ALLOWED_FOR_RECIPIENT -> new VaultProblem(HttpStatus.FORBIDDEN,
                    "field-not-allowed-for-recipient", "Field not allowed for the recipient",
                    "The catalogue does not let this recipient receive at least one of these fields for this purpose.");
            case CROSS_BORDER_TRANSFER_NOT_PERMITTED -> new VaultProblem(HttpStatus.FORBIDDEN,
                    "cross-border-transfer-not-permitted", "Cross-border transfer not permitted",
                    "Data of a mainland-China subject leaves the region only with the subject's authorisation"
                            + " or a legal exception.");
            case OPTED_OUT -> new VaultProblem(HttpStatus.FORBIDDEN, "opted-out", "Opted out",
                    "The subject opted out of this purpose.");
            case CONSENT_MISSING -> new VaultProblem(HttpStatus.FORBIDDEN, "consent-required", "Consent required",
                    "The purpose is additional or the category sensitive, and the subject has not consented.");
            case CONSENT_WITHDRAWN -> new VaultProblem(HttpStatus.FORBIDDEN, "consent-withdrawn", "Consent withdrawn",
                    "The subject withdrew the consent this access needs.");
            case CONSENT_ON_HOLD -> new VaultProblem(HttpStatus.FORBIDDEN, "consent-on-hold", "Consent on hold",
                    "A major change of the privacy policy put the consent on hold until the subject renews it.");
            case UNKNOWN_TOKEN -> unknownToken();
            case DATA_ERASED -> new VaultProblem(HttpStatus.GONE, "data-erased", "Data erased",
                    "At least one token's data was erased.");
            case INTEGRITY_FAILURE -> new VaultProblem(HttpStatus.INTERNAL_SERVER_ERROR, "integrity-failure",
                    "Integrity failure", "A sealed value did not open; the incident is recorded.");
            case CALLER_MAY_NOT_DISCLOSE -> new VaultProblem(HttpStatus.FORBIDDEN, "caller-may-not-disclose",
                    "Caller may not disclose", "Only the privacy officer decides a transfer or public disclosure on"
                            + " this basis; a legal exception is invoked by a legal identity.");
            case UNKNOWN_SUBJECT -> unknownSubject();
            case REFERENCE_REQUIRED -> new VaultProblem(HttpStatus.FORBIDDEN, "reference-required",
                    "Reference required", "This basis needs the reference of the deal or case.");
            case SUCCESSOR_NOT_BOUND_BY_POLICY -> new VaultProblem(HttpStatus.FORBIDDEN,
                    "successor-not-bound-by-policy", "Successor not bound by the policy",
                    "The new holder is not bound by this privacy policy: the subjects' consent must be sought again"
                            + " before their data is transferred.");
            case CATEGORY_NOT_DISCLOSABLE -> new VaultProblem(HttpStatus.FORBIDDEN, "category-not-disclosable",
                    "Category not disclosable", "This basis does not cover at least one of these fields.");
            case NOT_AN_ADVERTISING_CLIENT -> new VaultProblem(HttpStatus.FORBIDDEN, "not-an-advertising-client",
                    "Not an advertising client", "Aggregated statistics go only to advertising clients of the catalogue.");
            case PURPOSE_NOT_FOR_STATISTICS -> new VaultProblem(HttpStatus.FORBIDDEN, "purpose-not-for-statistics",
                    "Purpose not for statistics", "Aggregated statistics are released only for advertising.");
        };
    }

    /** Adds a property the vault itself made (an id it generated, ids the caller sent), never request content. */
    public VaultProblem with(String property, Object value) {
        getBody().setProperty(property, value);
        return this;
    }

    public static VaultProblem unavailable(String slug, String detail) {
        return new VaultProblem(HttpStatus.SERVICE_UNAVAILABLE, slug, "Service unavailable", detail);
    }
}
