package dev.pdvault.api.feed;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Shares the AMQP feed processor's segments between the nodes on one database. Axon lets any node claim every
 * free segment, so the first node to start would hold them all: each node records a heartbeat in
 * {@code feed_node} and gives back the segments it holds beyond its fair share (segments / live nodes, rounded
 * up), which another node then claims. A node that stops beating stops counting; the segments it held become
 * free when its claims time out, and the others take them.
 */
public class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processors;
    private final JdbcTemplate jdbc;
    private final FeedProperties.Amqp settings;
    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    SegmentBalancer(EventProcessingConfiguration processors, JdbcTemplate jdbc, FeedProperties.Amqp settings) {
        this.processors = processors;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${vault.feed.amqp.balance-interval:PT3S}",
            initialDelayString = "${vault.feed.amqp.balance-interval:PT3S}")
    void balance() {
        jdbc.update("INSERT INTO feed_node (node_id, seen_at) VALUES (?, now())"
                + " ON CONFLICT (node_id) DO UPDATE SET seen_at = now()", nodeId);
        int live = jdbc.queryForObject("SELECT count(*) FROM feed_node WHERE seen_at > now() - ? * interval '1 ms'",
                Integer.class, settings.nodeTimeout().toMillis());
        int segments = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                Integer.class, FeedPublisher.PROCESSOR);
        processors.eventProcessor(FeedPublisher.PROCESSOR, PooledStreamingEventProcessor.class)
                .ifPresent(processor -> giveBackBeyondFairShare(processor, segments, Math.max(live, 1)));
    }

    private void giveBackBeyondFairShare(PooledStreamingEventProcessor processor, int segments, int live) {
        int fairShare = (segments + live - 1) / live;
        List<Integer> held = processor.processingStatus().keySet().stream()
                .sorted(Comparator.reverseOrder()).toList();
        for (Integer segment : held.subList(0, Math.max(0, held.size() - fairShare))) {
            log.info("Feed: giving segment {} back ({} held, {} live nodes, fair share {})", segment, held.size(),
                    live, fairShare);
            processor.releaseSegment(segment, releaseMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Long enough for another node's coordinator to claim the segment before this one may take it again. */
    private long releaseMillis() {
        return Math.max(15_000, 3 * settings.balanceInterval().toMillis());
    }

    String nodeId() {
        return nodeId;
    }

    void leave() {
        jdbc.update("DELETE FROM feed_node WHERE node_id = ?", nodeId);
    }
}
