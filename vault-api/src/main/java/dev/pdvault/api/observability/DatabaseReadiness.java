package dev.pdvault.api.observability;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Health component {@code database}, part of the readiness group: {@code OUT_OF_SERVICE} while the database
 * cannot be reached. Like a sealed vault, the process is alive (liveness stays UP): a restart would not bring the
 * database back, and the vault serves again on its own once it answers.
 */
@Component("database")
public class DatabaseReadiness implements HealthIndicator {

    private static final int VALIDATION_SECONDS = 2;

    private final DataSource dataSource;

    public DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALIDATION_SECONDS)) {
                return Health.up().build();
            }
        } catch (SQLException unreachable) {
            // reported below, without the driver's message: it may name hosts and users
        }
        return Health.status(new Status(Status.OUT_OF_SERVICE.getCode(), "the database cannot be reached")).build();
    }
}
