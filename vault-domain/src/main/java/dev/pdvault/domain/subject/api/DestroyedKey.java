package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.KeyClass;

import java.time.Instant;

/**
 * A data key destroyed by an erasure: which class, which version of the row, which KEK version had wrapped it
 * (the erasure reaches backups once that KEK version is destroyed too), and when.
 */
public record DestroyedKey(KeyClass keyClass, long keyVersion, String kekVersion, Instant destroyedAt) {
}
