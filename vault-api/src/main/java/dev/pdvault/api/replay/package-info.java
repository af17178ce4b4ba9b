/** Rebuilding projections by replay of the event store, and the digest that compares them. */
package dev.pdvault.api.replay;
