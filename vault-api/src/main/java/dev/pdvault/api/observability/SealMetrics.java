package dev.pdvault.api.observability;

import dev.pdvault.api.kms.KekUnsealed;
import dev.pdvault.api.kms.VaultSeal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** {@code vault.sealed} (1 while the KEK cannot be used) and {@code vault.kek.unseals} (start-up included). */
@Component
public class SealMetrics {

    private final Counter unseals;

    public SealMetrics(VaultSeal seal, MeterRegistry meters) {
        Gauge.builder("vault.sealed", seal, s -> s.sealed() ? 1 : 0)
                .description("1 while the vault is sealed: its key-encryption key cannot be used").register(meters);
        this.unseals = Counter.builder("vault.kek.unseals").description("Times the vault became unsealed")
                .register(meters);
    }

    @EventListener(KekUnsealed.class)
    public void unsealed() {
        unseals.increment();
    }
}
