package dev.pdvault.api.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Makes the Prometheus output pass {@code promtool check metrics}: a help text for every meter registered without
 * one (the vault's counters, and Spring's and Tomcat's meters that have none), no meter in units smaller than
 * seconds ({@code jvm.compilation.time} in ms is dropped, {@code process.cpu.time} in ns is replaced by
 * {@link ProcessCpuTime}), and no {@code _count} suffix on a gauge ({@code system.cpu.count} is
 * {@code system.cpus}). A new meter without a description here or at
 * its registration fails {@code MetricsIT}; docs/operations.md lists them all.
 */
@Component
public class MeterConventions implements MeterFilter {

    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("vault.registrations", "Data subjects registered"),
            Map.entry("vault.collections", "Records collected or refused, by category and outcome"),
            Map.entry("vault.detokenizations", "Detokenization requests, by purpose and outcome (allowed or the"
                    + " denial reason)"),
            Map.entry("vault.denials", "Detokenization requests denied, by the policy's reason"),
            Map.entry("vault.access.denials", "Requests turned away before a handler ran: no or invalid credential,"
                    + " role not permitted, rate limited"),
            Map.entry("vault.access.denials.unrecorded", "Denials whose event could not be written"),
            Map.entry("vault.detokenize.volume.baseline", "An identity's usual distinct tokens a minute (EWMA)"),
            Map.entry("vault.detokenize.volume.anomalies", "Minutes an identity detokenized far above its baseline"),
            Map.entry("vault.shares", "Share requests, by recipient kind and outcome"),
            Map.entry("vault.transfers", "Cross-border transfers, by legal basis and outcome"),
            Map.entry("vault.public_disclosures", "Public disclosures, by legal basis and outcome"),
            Map.entry("vault.statistics_releases", "Aggregated statistics releases, by outcome"),
            Map.entry("vault.erasures", "Erasures completed, held by a legal hold, or finished after a crash"),
            Map.entry("vault.retention.shredded", "Retained key classes shredded when their retention ended"),
            Map.entry("vault.data_keys.destroyed", "Data keys destroyed by erasures and retention shredding"),
            Map.entry("vault.data_keys.rotations", "Data keys rotated, by reason"),
            Map.entry("vault.kek.rewrapped_keys", "Data keys rewrapped under the primary KEK version"),
            Map.entry("vault.kek.epochs", "KEK epochs completed: rotated, rewrapped, old versions destroyed"),
            Map.entry("vault.kek.destroyed_versions", "KEK versions destroyed"),
            Map.entry("vault.ledger.checkpoints", "Signed ledger checkpoints written"),
            Map.entry("vault.ledger.divergences", "Times the ledger found the event store differing from its chain"),
            Map.entry("vault.replay.events", "Events replayed by the last projection rebuild"),
            Map.entry("vault.password.sets", "Passwords set or changed"),
            Map.entry("vault.password.verifications", "Password verifications, by outcome"),
            Map.entry("http.server.requests", "HTTP requests served, by method, route, status and outcome"),
            Map.entry("http.server.requests.active", "HTTP requests in progress"),
            Map.entry("tasks.scheduled.execution", "Scheduled task runs"),
            Map.entry("tasks.scheduled.execution.active", "Scheduled task runs in progress"),
            Map.entry("tomcat.sessions.active.current", "Active HTTP sessions"),
            Map.entry("tomcat.sessions.active.max", "Most HTTP sessions active at once"),
            Map.entry("tomcat.sessions.alive.max", "Longest time an expired HTTP session had been alive"),
            Map.entry("tomcat.sessions.created", "HTTP sessions created"),
            Map.entry("tomcat.sessions.expired", "HTTP sessions expired"),
            Map.entry("tomcat.sessions.rejected", "HTTP sessions rejected for the maximum"),
            Map.entry("rabbitmq.connections", "Open connections to RabbitMQ (the event feed)"),
            Map.entry("rabbitmq.channels", "Open channels to RabbitMQ"),
            Map.entry("rabbitmq.published", "Feed messages published"),
            Map.entry("rabbitmq.failed_to_publish", "Feed messages that could not be published"),
            Map.entry("rabbitmq.acknowledged_published", "Published feed messages the broker confirmed"),
            Map.entry("rabbitmq.not_acknowledged_published", "Published feed messages the broker refused"),
            Map.entry("rabbitmq.unrouted_published", "Published feed messages no queue took"),
            Map.entry("rabbitmq.consumed", "Messages consumed from RabbitMQ (none: the vault only publishes)"),
            Map.entry("rabbitmq.acknowledged", "Consumed messages acknowledged"),
            Map.entry("rabbitmq.rejected", "Consumed messages rejected"),
            Map.entry("rabbitmq.requeued", "Consumed messages requeued"));

    private static final Set<String> SUBSECOND_UNITS = Set.of("ms", "milliseconds", "us", "microseconds", "ns",
            "nanoseconds");
    private static final Map<String, String> NAMES = Map.of("system.cpu.count", "system.cpus");

    /** Meters counted in fractions of a second, which promtool rejects; {@link ProcessCpuTime} replaces one. */
    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return id.getBaseUnit() != null && SUBSECOND_UNITS.contains(id.getBaseUnit()) ? MeterFilterReply.DENY
                : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = NAMES.getOrDefault(id.getName(), id.getName());
        String description = id.getDescription() != null ? id.getDescription() : DESCRIPTIONS.get(id.getName());
        if (name.equals(id.getName()) && Objects.equals(description, id.getDescription())) {
            return id;
        }
        return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }
}
