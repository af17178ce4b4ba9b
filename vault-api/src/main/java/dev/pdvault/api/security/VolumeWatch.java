package dev.pdvault.api.security;

import dev.pdvault.domain.security.api.RecordVolumeAnomaly;
import dev.pdvault.domain.security.api.SignalId;
import dev.pdvault.domain.security.api.VolumeBaseline;
import dev.pdvault.domain.security.api.VolumeRule;
import dev.pdvault.domain.shared.Caller;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches each identity's detokenization volume (tokens asked for per minute) against its baseline
 * ({@link VolumeRule}): a minute that departs from it raises the metric {@code vault.detokenize.volume.anomalies}
 * and records a {@code DetokenizationVolumeAnomalous} event. Per node, in memory: a restart learns the baselines
 * anew (the warm-up).
 */
@Component
public class VolumeWatch {

    private static final Logger log = LoggerFactory.getLogger(VolumeWatch.class);
    /** Idle minutes beyond this many are not replayed one by one: by then the baseline has decayed anyway. */
    private static final long MAX_IDLE_MINUTES = 24 * 60;

    /** One identity's current minute and baseline; guarded by its own monitor. */
    private static final class Volume {
        Instant minute;
        long tokens;
        VolumeBaseline baseline = VolumeBaseline.NONE;

        Volume(Instant minute) {
            this.minute = minute;
        }
    }

    private record Anomaly(Caller caller, Instant minute, long tokens, VolumeBaseline baseline, long threshold) {
    }

    private final Map<Caller, Volume> volumes = new ConcurrentHashMap<>();
    private final VolumeRule rule;
    private final CommandGateway commands;
    private final Clock clock;
    private final MeterRegistry meters;

    public VolumeWatch(SecuritySettings settings, CommandGateway commands, Clock clock, MeterRegistry meters) {
        SecuritySettings.Anomaly anomaly = settings.anomaly();
        this.rule = new VolumeRule(anomaly.alpha(), anomaly.factor(), anomaly.minTokens(), anomaly.warmUpMinutes());
        this.commands = commands;
        this.clock = clock;
        this.meters = meters;
    }

    /** Counts the tokens one detokenization request of this identity asks for. */
    public void count(Identity identity, int tokens) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Volume volume = volumes.computeIfAbsent(identity.caller(), caller -> {
            meters.gauge("vault.detokenize.volume.baseline", io.micrometer.core.instrument.Tags.of("identity",
                    caller.name()), this, watch -> watch.baseline(caller));
            return new Volume(minute);
        });
        Anomaly anomaly;
        synchronized (volume) {
            anomaly = advance(identity.caller(), volume, minute);
            volume.tokens += tokens;
        }
        report(anomaly);
    }

    /** Closes every identity's minute that is over, so an idle identity's last busy minute is judged too. */
    @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
    public void closeEndedMinutes() {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        volumes.forEach((caller, volume) -> {
            Anomaly anomaly;
            synchronized (volume) {
                anomaly = advance(caller, volume, minute);
            }
            report(anomaly);
        });
    }

    double baseline(Caller caller) {
        Volume volume = volumes.get(caller);
        if (volume == null) {
            return 0;
        }
        synchronized (volume) {
            return volume.baseline.level();
        }
    }

    /** Judges and learns the minutes between the volume's minute and now; a clock that went back starts afresh. */
    private Anomaly advance(Caller caller, Volume volume, Instant now) {
        if (!now.isAfter(volume.minute)) {
            if (now.isBefore(volume.minute)) {
                volume.minute = now;
                volume.tokens = 0;
            }
            return null;
        }
        Anomaly anomaly = null;
        if (rule.anomalous(volume.baseline, volume.tokens)) {
            anomaly = new Anomaly(caller, volume.minute, volume.tokens, volume.baseline,
                    rule.threshold(volume.baseline));
        }
        volume.baseline = rule.next(volume.baseline, volume.tokens);
        long idle = Math.min(Duration.between(volume.minute, now).toMinutes() - 1, MAX_IDLE_MINUTES);
        for (long i = 0; i < idle; i++) {
            volume.baseline = rule.next(volume.baseline, 0);
        }
        volume.minute = now;
        volume.tokens = 0;
        return anomaly;
    }

    private void report(Anomaly anomaly) {
        if (anomaly == null) {
            return;
        }
        meters.counter("vault.detokenize.volume.anomalies", "identity", anomaly.caller().name()).increment();
        try {
            commands.sendAndWait(new RecordVolumeAnomaly(new SignalId(UUID.randomUUID().toString()), anomaly.caller(),
                    anomaly.minute(), anomaly.tokens(), anomaly.baseline().level(), anomaly.threshold(),
                    clock.instant()));
        } catch (RuntimeException e) {
            log.error("A volume anomaly of {} could not be recorded ({})", anomaly.caller().name(),
                    e.getClass().getSimpleName());
        }
    }
}
