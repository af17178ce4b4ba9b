/** Wiring: settings, Axon on PostgreSQL, crypto, serialization. */
package dev.pdvault.api.config;
