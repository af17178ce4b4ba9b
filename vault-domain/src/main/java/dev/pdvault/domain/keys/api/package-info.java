/** The messages and typed ids of the key-encryption key ring and of the rotation of subjects' data keys. */
package dev.pdvault.domain.keys.api;
