/** The token projection: token to subject, category, field, purpose, key class and sealed value. */
package dev.pdvault.projections.tokens;
