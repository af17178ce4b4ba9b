/**
 * A Java client of the vault's HTTP API for internal services: typed requests, answers and errors, batched
 * detokenization, and retries that never repeat a call the vault may have acted on.
 */
package dev.pdvault.client;
