/** The messages and typed ids of the key-encryption key ring. */
package dev.pdvault.domain.keys.api;
