/** Where the key-encryption keys come from (local file, AWS KMS, Cloud KMS, Vault Transit) and the sealed state while they cannot be used. */
package dev.pdvault.api.kms;
