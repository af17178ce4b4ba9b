/** Detokenization: the access path, decided by policy and recorded in group-committed transactions. */
package dev.pdvault.api.access;
