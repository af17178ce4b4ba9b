package dev.pdvault.api.ledger.verify;

import java.nio.charset.StandardCharsets;

/**
 * A signed statement of the vault: the chain over its first {@code size} events, up to and including global index
 * {@code lastGlobalIndex}, ends in {@code head} (hex). {@code signature} (base64) is an Ed25519 signature, made with
 * the Tink key {@code keyId}, over {@link #signedBytes()}.
 */
public record Checkpoint(long number, long size, long lastGlobalIndex, String head, long keyId, String signature,
                         String createdAt) {

    /** The exact bytes signed: a versioned, newline-separated text, so any tool can rebuild it. */
    public byte[] signedBytes() {
        return ("pdvault-ledger-checkpoint/1\n" + number + "\n" + size + "\n" + lastGlobalIndex + "\n" + head + "\n"
                + createdAt + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
