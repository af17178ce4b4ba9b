package dev.pdvault.domain.policy;

/** A purpose of processing; a basic one is needed for the service, an additional one may be refused freely. */
public record PurposeDefinition(Purpose purpose, boolean basic) {
}
