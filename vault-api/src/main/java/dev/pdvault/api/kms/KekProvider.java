package dev.pdvault.api.kms;

/** The KEK source chosen by {@code vault.kek.provider}; configured as {@code local}, {@code aws-kms}, {@code gcp-kms} or {@code vault-transit}. */
public enum KekProvider {
    LOCAL, AWS_KMS, GCP_KMS, VAULT_TRANSIT;

    public String setting() {
        return name().toLowerCase().replace('_', '-');
    }
}
