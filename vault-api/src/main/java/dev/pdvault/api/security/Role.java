package dev.pdvault.api.security;

/** What an identity may do. An endpoint names the roles it admits; one with none admits nobody. */
public enum Role {
    COLLECTOR, DETOKENIZER, PRIVACY_OFFICER, AUDITOR, SECURITY_OFFICER, LEGAL
}
