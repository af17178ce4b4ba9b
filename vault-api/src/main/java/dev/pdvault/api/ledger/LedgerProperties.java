package dev.pdvault.api.ledger;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The ledger's settings ({@code vault.ledger.*}): how often a checkpoint is signed, how long a checkpoint waits for
 * in-flight transactions to end, and the development signing keyset file (production: a KMS or HSM, not built yet).
 */
@Validated
@ConfigurationProperties("vault.ledger")
public record LedgerProperties(@DefaultValue("PT1H") @NotNull Duration checkpointInterval,
                               @DefaultValue("PT10S") @NotNull Duration settleTimeout,
                               Path signingKeysetFile) {
}
