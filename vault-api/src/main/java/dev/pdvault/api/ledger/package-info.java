/** Tamper evidence for the event store: signed checkpoints of a hash chain over every event, and its proofs. */
package dev.pdvault.api.ledger;
