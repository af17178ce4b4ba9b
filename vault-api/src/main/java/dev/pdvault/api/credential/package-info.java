/** The password endpoints and service: set a subject's password as a sealed Argon2id hash, and verify one. */
package dev.pdvault.api.credential;
