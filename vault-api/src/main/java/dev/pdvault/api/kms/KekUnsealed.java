package dev.pdvault.api.kms;

/** Published once the KEK is usable: at start-up when it is at once, or later when a retry unseals the vault. */
public record KekUnsealed(String description) {
}
