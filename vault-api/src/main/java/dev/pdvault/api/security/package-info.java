/** Service identities, their API keys (stored as hashes) and roles; deny by default. */
package dev.pdvault.api.security;
