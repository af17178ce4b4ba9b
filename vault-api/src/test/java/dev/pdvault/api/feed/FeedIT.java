package dev.pdvault.api.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP feed: each recipient reads its own messages about a subject's life (collected, corrected, shared,
 * erased), pages through them with a cursor, never sees another's, and no message carries a planted value.
 */
class FeedIT extends VaultIntegrationTest {

    @Autowired
    FeedLog feedLog;

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private record Life(String subject, Map<String, String> order, List<String> planted) {
    }

    private Life aSubjectsLife() {
        String name = plant("Feed Name");
        String address = plant("Feed Street");
        String corrected = plant("Feed Corrected Street");
        String subject = register("CN");
        Map<String, String> order = collect(subject, "order", "delivery", Map.of("consignee_name", name,
                "address", address, "postal_code", "100022"));
        assertThat(call("POST", "/v1/shares", ORDER_SERVICE, Map.of("recipient", "sf-express", "purpose", "delivery",
                "tokens", List.of(order.get("consignee_name"), order.get("address")))).status()).isEqualTo(201);
        assertThat(call("PUT", "/v1/tokens/" + order.get("address"), COLLECTOR, Map.of("value", corrected)).status())
                .isEqualTo(204);
        assertThat(call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null).status()).isEqualTo(200);
        return new Life(subject, order, List.of(name, address, corrected));
    }

    /** Every message of the caller's feed about the subject, read page by page. */
    private List<JsonNode> read(String apiKey, String subject, int limit, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            List<JsonNode> mine = new ArrayList<>();
            String cursor = "0";
            while (true) {
                Response page = call("GET", "/v1/feed?after=" + cursor + "&limit=" + limit, apiKey, null);
                assertThat(page.status()).as(page.body()).isEqualTo(200);
                JsonNode entries = page.json().get("entries");
                entries.forEach(e -> {
                    if (e.get("subjectId").asText().equals(subject)) {
                        mine.add(e);
                    }
                });
                String next = page.json().get("next").asText();
                if (entries.isEmpty()) {
                    assertThat(next).isEqualTo(cursor);
                    break;
                }
                assertThat(entries.size()).isLessThanOrEqualTo(limit);
                cursor = next;
            }
            if (mine.size() >= expected || Instant.now().isAfter(deadline)) {
                return mine;
            }
            Thread.sleep(200);
        }
    }

    private static List<String> types(List<JsonNode> messages) {
        return messages.stream().map(m -> m.get("type").asText()).toList();
    }

    @Test
    void eachRecipientPagesThroughItsOwnMessagesAndNoneCarriesAPlantedValue() throws Exception {
        Life life = aSubjectsLife();

        List<JsonNode> logistics = read(LOGISTICS, life.subject(), 500, 3);
        assertThat(types(logistics)).containsExactly("COLLECTED", "CORRECTED", "ERASED");
        assertThat(logistics).allSatisfy(m -> assertThat(m.get("recipient").asText()).isEqualTo("dev-logistics"));
        assertThat(logistics.get(0).get("category").asText()).isEqualTo("order");
        assertThat(logistics.get(0).get("tokens").findValuesAsText("token"))
                .containsExactlyInAnyOrderElementsOf(life.order().values());
        assertThat(logistics.get(1).get("tokens").findValuesAsText("token"))
                .containsExactly(life.order().get("address"));

        List<JsonNode> courier = read(COURIER, life.subject(), 500, 3);
        assertThat(types(courier)).containsExactly("SHARED", "CORRECTED", "ERASED");
        assertThat(courier).allSatisfy(m -> assertThat(m.get("recipient").asText()).isEqualTo("sf-express"));
        assertThat(courier.get(0).get("tokens").findValuesAsText("token"))
                .containsExactlyInAnyOrder(life.order().get("consignee_name"), life.order().get("address"))
                .doesNotContain(life.order().get("postal_code"));

        assertThat(read(BANK, life.subject(), 500, 0)).as("visa received nothing of this subject").isEmpty();
        assertThat(read(PAYMENT, life.subject(), 500, 0)).as("payment may not use the order category").isEmpty();

        assertThat(read(LOGISTICS, life.subject(), 1, 3)).as("one message a page: the same messages")
                .isEqualTo(logistics);
        Set<String> ids = new java.util.HashSet<>();
        logistics.forEach(m -> ids.add(m.get("id").asText()));
        courier.forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).hasSize(6);

        List<String> stored = jdbc.queryForList("SELECT body::text FROM feed_entry WHERE subject_id = ?::uuid",
                String.class, life.subject());
        assertThat(stored).hasSizeGreaterThanOrEqualTo(6);
        String everything = stored.stream().collect(Collectors.joining("\n"));
        for (String value : life.planted()) {
            assertThat(everything).doesNotContain(value);
        }
    }

    /** An event's messages are stored in one statement, in their order, each id once however often delivered. */
    @Test
    void anEventsMessagesKeepTheirOrderAndAnIdIsStoredOnce() {
        String recipient = "feed-order-" + UUID.randomUUID();
        String subject = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-03-04T05:06:07.890123Z");
        List<FeedMessage> messages = new ArrayList<>();
        for (String reference : List.of("c", "a", "b")) {
            messages.add(new FeedMessage(FeedMessage.idOf("event-" + reference, recipient, subject), FeedMessage.VERSION,
                    FeedType.ERASED, recipient, subject, at, null, null, null, reference));
        }
        feedLog.deliver(messages);
        feedLog.deliver(messages.subList(1, 3));
        feedLog.deliver(List.of());

        List<JsonNode> stored = feedLog.page(recipient, 0, 10).entries();
        assertThat(stored).extracting(e -> e.get("reference").asText()).containsExactly("c", "a", "b");
        assertThat(stored).extracting(e -> e.get("id").asText())
                .containsExactlyElementsOf(messages.stream().map(m -> m.id().toString()).toList());
        assertThat(jdbc.queryForObject("SELECT occurred_at FROM feed_entry WHERE recipient = ? LIMIT 1",
                Timestamp.class, recipient).toInstant()).isEqualTo(at);
    }

    @Test
    void badCursorsAndLimitsAreProblemsAndOnlyDetokenizersReadAFeed() {
        for (String after : List.of("abc", "-1", "1e3", "9999999999999999999", "", "%20")) {
            Response r = call("GET", "/v1/feed?after=" + after, LOGISTICS, null);
            assertThat(r.status()).as(after).isEqualTo(400);
            assertThat(r.type()).isEqualTo("https://pdvault.dev/problems/invalid-cursor");
        }
        for (String limit : List.of("0", "501", "x", "-5", "100000")) {
            Response r = call("GET", "/v1/feed?limit=" + limit, LOGISTICS, null);
            assertThat(r.status()).as(limit).isEqualTo(400);
            assertThat(r.type()).isEqualTo("https://pdvault.dev/problems/invalid-limit");
        }
        assertThat(call("GET", "/v1/feed", COLLECTOR, null).status()).isEqualTo(403);
        assertThat(call("GET", "/v1/feed", null, null).status()).isEqualTo(401);
        Response far = call("GET", "/v1/feed?after=999999999999", LOGISTICS, null);
        assertThat(far.status()).isEqualTo(200);
        assertThat(far.json().get("entries")).isEmpty();
        assertThat(far.json().get("next").asText()).isEqualTo("999999999999");
    }
}
