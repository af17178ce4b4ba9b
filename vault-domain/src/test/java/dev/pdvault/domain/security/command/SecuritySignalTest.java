package dev.pdvault.domain.security.command;

import dev.pdvault.domain.security.api.AccessDenialsCounted;
import dev.pdvault.domain.security.api.AccessDenied;
import dev.pdvault.domain.security.api.DenialCause;
import dev.pdvault.domain.security.api.DetokenizationVolumeAnomalous;
import dev.pdvault.domain.security.api.RecordAccessDenial;
import dev.pdvault.domain.security.api.RecordAccessDenials;
import dev.pdvault.domain.security.api.RecordVolumeAnomaly;
import dev.pdvault.domain.security.api.RequestSource;
import dev.pdvault.domain.security.api.Route;
import dev.pdvault.domain.security.api.SignalId;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.shared.InvalidIdException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySignalTest {

    private static final SignalId ID = SignalId.of("5e1f0a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b");
    private static final Instant AT = Instant.parse("2026-11-25T20:00:12Z");
    private static final RequestSource SOURCE = RequestSource.of("203.0.113.7");

    private AggregateTestFixture<SecuritySignal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SecuritySignal.class);
    }

    @Test
    void recordsAnUnauthenticatedDenialWithoutACaller() {
        Route route = new Route("POST", "/v1/detokenize");
        fixture.givenNoPriorActivity()
                .when(new RecordAccessDenial(ID, Optional.empty(), SOURCE, route, DenialCause.NO_CREDENTIAL, AT))
                .expectEvents(new AccessDenied(ID, Optional.empty(), SOURCE, route, DenialCause.NO_CREDENTIAL, AT));
    }

    @Test
    void recordsARoleDenialWithItsCaller() {
        Route route = new Route("DELETE", "/v1/subjects/{subjectId}");
        fixture.givenNoPriorActivity()
                .when(new RecordAccessDenial(ID, Optional.of(Caller.of("dev-auditor")), SOURCE, route,
                        DenialCause.ROLE_NOT_PERMITTED, AT))
                .expectEvents(new AccessDenied(ID, Optional.of(Caller.of("dev-auditor")), SOURCE, route,
                        DenialCause.ROLE_NOT_PERMITTED, AT));
    }

    @Test
    void countsTheFurtherDenialsOfAMinute() {
        Instant from = Instant.parse("2026-11-25T20:00:00Z");
        fixture.givenNoPriorActivity()
                .when(new RecordAccessDenials(ID, Optional.empty(), SOURCE, Route.unmapped("GET"),
                        DenialCause.INVALID_CREDENTIAL, from, from.plusSeconds(60), 4711))
                .expectEvents(new AccessDenialsCounted(ID, Optional.empty(), SOURCE, Route.unmapped("GET"),
                        DenialCause.INVALID_CREDENTIAL, from, from.plusSeconds(60), 4711));
    }

    @Test
    void recordsAVolumeAnomaly() {
        Instant minute = Instant.parse("2026-11-25T20:00:00Z");
        fixture.givenNoPriorActivity()
                .when(new RecordVolumeAnomaly(ID, Caller.of("dev-marketing"), minute, 900, 12.5, 100, AT))
                .expectEvents(new DetokenizationVolumeAnomalous(ID, Caller.of("dev-marketing"), minute, 900, 12.5,
                        100, AT));
    }

    @Test
    void cannotCountNoDenialsOrAnomalyBelowItsThreshold() {
        assertThatThrownBy(() -> new RecordAccessDenials(ID, Optional.empty(), SOURCE, Route.unmapped("GET"),
                DenialCause.NO_CREDENTIAL, AT, AT, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordVolumeAnomaly(ID, Caller.of("dev-marketing"), AT, 100, 12.5, 100, AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRouteOrSourceCannotCarryWhatACallerTyped() {
        assertThatThrownBy(() -> new Route("GET", "/v1/subjects/Li Na 13800138000"))
                .isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> new Route("GET", "v1/subjects")).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> new Route("get", "/v1/subjects")).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> RequestSource.of("li.na@example.com")).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> RequestSource.of("13800138000 Beijing")).isInstanceOf(InvalidIdException.class);
        RequestSource.of("2001:db8::1");
        RequestSource.of("127.0.0.1");
    }
}
