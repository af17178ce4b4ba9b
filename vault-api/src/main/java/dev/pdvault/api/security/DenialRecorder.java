package dev.pdvault.api.security;

import dev.pdvault.domain.security.api.DenialCause;
import dev.pdvault.domain.security.api.RecordAccessDenial;
import dev.pdvault.domain.security.api.RecordAccessDenials;
import dev.pdvault.domain.security.api.RequestSource;
import dev.pdvault.domain.security.api.Route;
import dev.pdvault.domain.security.api.SignalId;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.shared.InvalidIdException;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every request turned away by authentication, role or rate limit as an event, at a bounded cost: the
 * first denial of each requester (identity, else source address), route and cause in a minute is an
 * {@code AccessDenied} of its own, the further ones of that minute are counted and recorded as one
 * {@code AccessDenialsCounted} when the minute is over. At most {@code maxTrackedPerMinute} requesters are told
 * apart in a minute; beyond them, denials are counted under the source {@code overflow}.
 */
@Component
public class DenialRecorder {

    private static final Logger log = LoggerFactory.getLogger(DenialRecorder.class);

    private record Key(Optional<Caller> caller, RequestSource source, Route route, DenialCause cause) {
    }

    /** One key's minute: guarded by the map's per-key compute. */
    private static final class Window {
        final Instant minute;
        long further;

        Window(Instant minute) {
            this.minute = minute;
        }
    }

    private final Map<Key, Window> windows = new ConcurrentHashMap<>();
    private final CommandGateway commands;
    private final Clock clock;
    private final MeterRegistry meters;
    private final int maxTracked;

    public DenialRecorder(CommandGateway commands, Clock clock, MeterRegistry meters, SecuritySettings settings) {
        this.commands = commands;
        this.clock = clock;
        this.meters = meters;
        this.maxTracked = settings.denials().maxTrackedPerMinute();
    }

    public void record(Optional<Identity> identity, String remoteAddress, Route route, DenialCause cause) {
        meters.counter("vault.access.denials", "cause", cause.name().toLowerCase()).increment();
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Key key = new Key(identity.map(Identity::caller), source(remoteAddress), route, cause);
        if (!windows.containsKey(key) && windows.size() >= maxTracked) {
            key = new Key(Optional.empty(), RequestSource.OVERFLOW, Route.unmapped(route.method()), cause);
        }
        List<Map.Entry<Key, Window>> ended = new ArrayList<>(1);
        boolean[] first = new boolean[1];
        Key tracked = key;
        windows.compute(key, (k, window) -> {
            if (window != null && window.minute.equals(minute)) {
                window.further++;
                return window;
            }
            if (window != null) {
                ended.add(Map.entry(k, window));
            }
            first[0] = true;
            return new Window(minute);
        });
        ended.forEach(this::recordCount);
        if (first[0]) {
            send(new RecordAccessDenial(newId(), tracked.caller(), tracked.source(), tracked.route(), tracked.cause(),
                    now));
        }
    }

    /** Records the counts of every minute that is over; runs on a schedule, and when a test moved the clock. */
    @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
    public void recordEndedMinutes() {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        for (Key key : List.copyOf(windows.keySet())) {
            Window[] removed = new Window[1];
            windows.computeIfPresent(key, (k, window) -> {
                if (window.minute.equals(minute)) {
                    return window;
                }
                removed[0] = window;
                return null;
            });
            if (removed[0] != null) {
                recordCount(Map.entry(key, removed[0]));
            }
        }
    }

    private void recordCount(Map.Entry<Key, Window> ended) {
        Window window = ended.getValue();
        if (window.further > 0) {
            Key key = ended.getKey();
            send(new RecordAccessDenials(newId(), key.caller(), key.source(), key.route(), key.cause(), window.minute,
                    window.minute.plus(Duration.ofMinutes(1)), window.further));
        }
    }

    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            meters.counter("vault.access.denials.unrecorded").increment();
            log.error("A denial could not be recorded ({})", e.getClass().getSimpleName());
        }
    }

    private static RequestSource source(String remoteAddress) {
        try {
            return RequestSource.of(remoteAddress);
        } catch (InvalidIdException e) {
            return RequestSource.OVERFLOW;
        }
    }

    private static SignalId newId() {
        return new SignalId(UUID.randomUUID().toString());
    }
}
