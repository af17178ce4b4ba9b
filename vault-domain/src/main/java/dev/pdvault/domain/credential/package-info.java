/** Credentials: the password a subject registers with, held only as a sealed one-way hash, and its verifications. */
package dev.pdvault.domain.credential;
