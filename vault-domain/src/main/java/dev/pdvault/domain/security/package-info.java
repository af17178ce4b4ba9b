/** Signals of abuse: requests the vault turned away before any policy decision, and unusual access volumes. */
package dev.pdvault.domain.security;
