/**
 * Envelope encryption for the vault: key-encryption keys behind a KMS abstraction, per-subject data keysets
 * wrapped by them, and sealed values bound to their subject, field and token.
 */
package dev.pdvault.crypto;
