/** The key-encryption key ring as an aggregate: one instance, the history of its epochs. */
package dev.pdvault.domain.keys.command;
