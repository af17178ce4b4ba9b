package dev.pdvault.api.keys;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The rewrap job: how many data keys one transaction rewraps ({@code vault.kek.rewrap.batch-size}), and after how
 * many batches it records {@code KekRewrapProgressed} ({@code vault.kek.rewrap.progress-every}).
 */
@Validated
@ConfigurationProperties("vault.kek.rewrap")
public record KekRewrapProperties(@DefaultValue("1000") @Min(1) int batchSize,
                                  @DefaultValue("10") @Min(1) int progressEvery) {
}
