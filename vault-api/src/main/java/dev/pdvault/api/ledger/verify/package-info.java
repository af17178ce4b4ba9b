/**
 * The ledger's hash chain, its signed checkpoints, and the standalone verifier an auditor runs without the vault:
 * no Spring, no Axon, only JDBC, Jackson and Tink.
 */
package dev.pdvault.api.ledger.verify;
