/** The embedded PostgreSQL the vault starts and owns when no database is configured. */
package dev.pdvault.api.embedded;
