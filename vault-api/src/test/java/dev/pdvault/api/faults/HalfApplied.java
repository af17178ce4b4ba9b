package dev.pdvault.api.faults;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a crash must never leave behind, counted in SQL over one schema: events without the projection rows their
 * transaction wrote, projection rows without their event, and data keys of subjects that were never registered.
 * Every count is zero in a consistent vault.
 */
final class HalfApplied {

    private static final String COLLECTED_TOKENS = "SELECT e.aggregate_identifier AS subject, f ->> 'token' AS token"
            + " FROM domain_event_entry e,"
            + " jsonb_array_elements(convert_from(e.payload, 'UTF8')::jsonb -> 'fields') f"
            + " WHERE e.payload_type LIKE '%.PersonalDataCollected'"
            + " UNION ALL SELECT e.aggregate_identifier, convert_from(e.payload, 'UTF8')::jsonb -> 'birthDate' ->> 'token'"
            + " FROM domain_event_entry e WHERE e.payload_type LIKE '%.DataSubjectRegistered'"
            + " AND convert_from(e.payload, 'UTF8')::jsonb -> 'birthDate' ->> 'token' IS NOT NULL";
    private static final String ACCESS_EVENTS = "SELECT event_identifier FROM domain_event_entry"
            + " WHERE payload_type LIKE '%.PersonalDataDetokenized' OR payload_type LIKE '%.DetokenizationRefused'";

    private HalfApplied() {
    }

    static Map<String, Long> count(JdbcTemplate jdbc) {
        Map<String, Long> found = new LinkedHashMap<>();
        found.put("collected token without its token_ref row", jdbc.queryForObject("SELECT count(*) FROM ("
                + COLLECTED_TOKENS + ") c WHERE NOT EXISTS (SELECT 1 FROM token_ref t WHERE t.token = c.token"
                + " AND t.subject_id::text = c.subject)", Long.class));
        found.put("token_ref row without its collection event", jdbc.queryForObject("SELECT count(*) FROM token_ref t"
                + " WHERE NOT EXISTS (SELECT 1 FROM (" + COLLECTED_TOKENS + ") c WHERE c.token = t.token)", Long.class));
        found.put("collection event without its timeline row", jdbc.queryForObject("SELECT count(*)"
                + " FROM domain_event_entry e WHERE e.payload_type LIKE '%.PersonalDataCollected' AND NOT EXISTS"
                + " (SELECT 1 FROM subject_timeline t WHERE t.event_id = e.event_identifier)", Long.class));
        found.put("access event without its access_ref row", jdbc.queryForObject("SELECT count(*) FROM ("
                + ACCESS_EVENTS + ") a WHERE NOT EXISTS (SELECT 1 FROM access_ref r"
                + " WHERE r.event_id::text = a.event_identifier)", Long.class));
        found.put("access_ref row without its access event", jdbc.queryForObject("SELECT count(*) FROM access_ref r"
                + " WHERE NOT EXISTS (SELECT 1 FROM (" + ACCESS_EVENTS + ") a"
                + " WHERE a.event_identifier = r.event_id::text)", Long.class));
        found.put("registration without its subject_view row", jdbc.queryForObject("SELECT count(*)"
                + " FROM domain_event_entry e WHERE e.payload_type LIKE '%.DataSubjectRegistered' AND NOT EXISTS"
                + " (SELECT 1 FROM subject_view s WHERE s.subject_id::text = e.aggregate_identifier)", Long.class));
        found.put("subject_view row without its registration", jdbc.queryForObject("SELECT count(*) FROM subject_view s"
                + " WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.payload_type LIKE"
                + " '%.DataSubjectRegistered' AND e.aggregate_identifier = s.subject_id::text)", Long.class));
        found.put("data key of no registered subject", jdbc.queryForObject("SELECT count(*) FROM data_key k"
                + " WHERE NOT EXISTS (SELECT 1 FROM subject_view s WHERE s.subject_id = k.subject_id)", Long.class));
        return found;
    }

    /**
     * Acknowledged reads of each token that have no access event naming that token: an acknowledged
     * detokenization of a token must leave at least one {@code PersonalDataDetokenized} event per read.
     */
    static long readsWithoutAccessEvent(JdbcTemplate jdbc, Map<String, Long> readsByToken) {
        Map<String, Long> recorded = new java.util.HashMap<>();
        jdbc.query("SELECT t ->> 'token', count(*) FROM domain_event_entry e,"
                + " jsonb_array_elements(convert_from(e.payload, 'UTF8')::jsonb -> 'tokens') t"
                + " WHERE e.payload_type LIKE '%.PersonalDataDetokenized' GROUP BY 1",
                rs -> {
                    recorded.put(rs.getString(1), rs.getLong(2));
                });
        return readsByToken.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - recorded.getOrDefault(e.getKey(), 0L))).sum();
    }
}
