package dev.pdvault.api.kms;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code kek}: UP with the KEK's kind when unsealed, {@code OUT_OF_SERVICE} while sealed. The
 * cause is the status's description, so it shows in {@code /actuator/health} even with details hidden.
 */
@Component("kek")
public class KekHealthIndicator implements HealthIndicator {

    private final VaultSeal seal;

    public KekHealthIndicator(VaultSeal seal) {
        this.seal = seal;
    }

    @Override
    public Health health() {
        String cause = seal.cause();
        if (seal.sealed()) {
            return Health.status(new Status(Status.OUT_OF_SERVICE.getCode(), "vault sealed: " + cause)).build();
        }
        return Health.up().withDetail("provider", seal.provider().setting()).build();
    }
}
