/** The messages and typed ids of the credential feature: what other modules may see of it. */
package dev.pdvault.domain.credential.api;
