/** The key-encryption key ring (one instance, the history of its epochs) and each subject's data-key rotations. */
package dev.pdvault.domain.keys.command;
