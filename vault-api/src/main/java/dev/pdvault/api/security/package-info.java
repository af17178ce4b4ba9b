/**
 * Service identities by JWT or API key (stored as hashes), their roles, rate limits and abuse signals; deny by
 * default, and every denial recorded.
 */
package dev.pdvault.api.security;
