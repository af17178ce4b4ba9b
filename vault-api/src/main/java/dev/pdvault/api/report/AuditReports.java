package dev.pdvault.api.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.domain.access.api.CrossBorderTransferRecorded;
import dev.pdvault.domain.access.api.DetokenizationRefused;
import dev.pdvault.domain.access.api.PersonalDataDetokenized;
import dev.pdvault.domain.access.api.PersonalDataShared;
import dev.pdvault.domain.access.api.ShareRefused;
import dev.pdvault.domain.disclosure.api.PersonalDataPubliclyDisclosed;
import dev.pdvault.domain.disclosure.api.PersonalDataTransferred;
import dev.pdvault.domain.disclosure.api.PublicDisclosureRefused;
import dev.pdvault.domain.disclosure.api.TransferRefused;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.DataSubjectRegistered;
import dev.pdvault.domain.subject.api.PersonalDataCollected;
import dev.pdvault.domain.subject.api.PersonalDataCorrected;
import dev.pdvault.domain.subject.api.RetainedDataShredded;
import dev.pdvault.domain.subject.api.SubjectId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The auditors' point-in-time reports, computed by replaying the relevant events of the event store in global
 * order (never from the projections, which hold only the present). Events are read as JSON trees, as
 * {@code HistoryQuery} does; sealed values are never read, so no report can contain plaintext: fields are named
 * with their tokens only.
 */
@Component
public class AuditReports {

    /** One field of a subject an access, share or holding names. */
    public record FieldRef(String subjectId, String category, String field, String token) {
    }

    /**
     * One access, refusal, share, transfer, public disclosure or cross-border transfer: when, who (caller), to whom
     * (the recipient of a share, the organisation of a transfer, {@value #PUBLIC} for a public disclosure), for
     * which purpose, on which basis (or why refused), under which legal exception and reference, which fields (a
     * transfer names no fields: it covers the subjects' data as a whole). {@code outcome} is {@code DETOKENIZED},
     * {@code DETOKENIZATION_REFUSED}, {@code SHARED}, {@code SHARE_REFUSED}, {@code TRANSFERRED},
     * {@code TRANSFER_REFUSED}, {@code PUBLICLY_DISCLOSED}, {@code PUBLIC_DISCLOSURE_REFUSED} or
     * {@code CROSS_BORDER_TRANSFER}.
     */
    public record AccessRow(Instant at, String outcome, String id, String caller, String recipient, String purpose,
                            String basis, String reason, String legalException, String legalReference,
                            String fromRegion, String toRegion, List<FieldRef> fields) {
    }

    /** A token the vault held for a subject at the report's instant, with its state then; never its value. */
    public record Holding(String token, String category, String field, String purpose, String keyClass,
                          Instant collectedAt, String state, Instant correctedAt, Instant erasedAt) {
    }

    /** The recipient of a public disclosure. */
    public static final String PUBLIC = "public";
    public static final String HELD = "HELD";
    public static final String CORRECTED = "CORRECTED";
    public static final String ERASED = "ERASED";

    private static final List<String> ACCESS_TYPES = List.of(PersonalDataDetokenized.class.getName(),
            DetokenizationRefused.class.getName(), PersonalDataShared.class.getName(), ShareRefused.class.getName(),
            CrossBorderTransferRecorded.class.getName(), PersonalDataTransferred.class.getName(),
            TransferRefused.class.getName(), PersonalDataPubliclyDisclosed.class.getName(),
            PublicDisclosureRefused.class.getName());
    private static final List<String> HOLDING_TYPES = List.of(DataSubjectRegistered.class.getName(),
            PersonalDataCollected.class.getName(), PersonalDataCorrected.class.getName(),
            DataSubjectErased.class.getName(), RetainedDataShredded.class.getName());

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public AuditReports(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Who accessed, was refused, or received the subject's data in [from, to): only this subject's fields. */
    public List<AccessRow> subjectAccesses(SubjectId subject, Instant from, Instant to) {
        String id = subject.value();
        List<AccessRow> rows = accesses(from, to, (event, fields) -> !fields.isEmpty()
                || contains(event.path("subjects"), id), f -> id.equals(f.subjectId()));
        return rows;
    }

    /** Everything the caller accessed, was refused, or shared in [from, to). */
    public List<AccessRow> callerAccesses(String caller, Instant from, Instant to) {
        return accesses(from, to, (event, fields) -> caller.equals(event.path("caller").asText()), f -> true);
    }

    /**
     * Everything shared with or transferred to the recipient (and refused shares and transfers to it) in
     * [from, to); {@value #PUBLIC} names public disclosures.
     */
    public List<AccessRow> recipientReceived(String recipient, Instant from, Instant to) {
        return accesses(from, to, (event, fields) -> recipient.equals(recipient(event)), f -> true);
    }

    private interface EventFilter {
        boolean test(JsonNode event, List<FieldRef> fields);
    }

    private List<AccessRow> accesses(Instant from, Instant to, EventFilter keep, Predicate<FieldRef> field) {
        List<AccessRow> rows = new ArrayList<>();
        jdbc.query("SELECT payload_type, payload FROM domain_event_entry WHERE payload_type = ANY(?)"
                + " ORDER BY global_index", rs -> {
            String type = rs.getString(1);
            JsonNode event = read(rs.getBytes(2));
            Instant at = Instant.parse(event.path("at").asText());
            if (at.isBefore(from) || !at.isBefore(to)) {
                return;
            }
            List<FieldRef> fields = new ArrayList<>();
            for (JsonNode t : event.path("tokens")) {
                FieldRef ref = new FieldRef(t.path("subjectId").asText(), t.path("category").asText(),
                        t.path("field").asText(), t.path("token").asText());
                if (field.test(ref)) {
                    fields.add(ref);
                }
            }
            if (!keep.test(event, fields)) {
                return;
            }
            JsonNode legal = event.path("legalBasis");
            rows.add(new AccessRow(at, outcome(type), text(event, "accessId", "shareId", "transferId", "disclosureId"),
                    text(event, "caller"), recipient(event), purpose(type, event), text(event, "basis"),
                    text(event, "reason"), legal.isObject() ? text(legal, "exception") : null,
                    legal.isObject() ? text(legal, "reference") : text(event, "reference"),
                    text(event, "fromRegion"), text(event, "toRegion"), List.copyOf(fields)));
        }, (Object) ACCESS_TYPES.toArray(String[]::new));
        return rows;
    }

    /** Every token the vault held for the subject as of the instant (inclusive), with its state then. */
    public List<Holding> holdings(SubjectId subject, Instant asOf) {
        Map<String, Holding> held = new LinkedHashMap<>();
        jdbc.query("SELECT payload_type, payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = ANY(?) ORDER BY global_index", rs -> {
            String type = rs.getString(1);
            JsonNode event = read(rs.getBytes(2));
            Instant at = Instant.parse(event.path("at").asText());
            if (at.isAfter(asOf)) {
                return;
            }
            if (type.equals(DataSubjectRegistered.class.getName())) {
                JsonNode birth = event.path("birthDate");
                if (birth.isObject()) {
                    put(held, new Holding(birth.path("token").asText(), DataSubjectRegistered.BIRTH_DATE_CATEGORY,
                            birth.path("field").asText(), DataSubjectRegistered.BIRTH_DATE_PURPOSE,
                            event.path("birthDateKeyClass").asText(), at, HELD, null, null));
                }
            } else if (type.equals(PersonalDataCollected.class.getName())) {
                for (JsonNode f : event.path("fields")) {
                    put(held, new Holding(f.path("token").asText(), event.path("category").asText(),
                            f.path("field").asText(), event.path("purpose").asText(),
                            event.path("keyClass").asText(), at, HELD, null, null));
                }
            } else if (type.equals(PersonalDataCorrected.class.getName())) {
                Holding h = held.get(event.path("token").asText());
                if (h != null && !ERASED.equals(h.state())) {
                    put(held, new Holding(h.token(), h.category(), h.field(), h.purpose(), h.keyClass(),
                            h.collectedAt(), CORRECTED, at, null));
                }
            } else if (type.equals(DataSubjectErased.class.getName())) {
                Set<String> retained = new HashSet<>();
                event.path("retained").forEach(r -> retained.add(r.path("keyClass").asText()));
                erase(held, c -> !retained.contains(c), at);
            } else if (type.equals(RetainedDataShredded.class.getName())) {
                Set<String> destroyed = new HashSet<>();
                event.path("destroyedKeys").forEach(k -> destroyed.add(k.path("keyClass").asText()));
                erase(held, destroyed::contains, at);
            }
        }, subject.value(), HOLDING_TYPES.toArray(String[]::new));
        return List.copyOf(held.values());
    }

    private static void put(Map<String, Holding> held, Holding h) {
        held.put(h.token(), h);
    }

    private static void erase(Map<String, Holding> held, Predicate<String> keyClass, Instant at) {
        for (Holding h : List.copyOf(held.values())) {
            if (keyClass.test(h.keyClass()) && !ERASED.equals(h.state())) {
                put(held, new Holding(h.token(), h.category(), h.field(), h.purpose(), h.keyClass(),
                        h.collectedAt(), ERASED, h.correctedAt(), at));
            }
        }
    }

    private static String recipient(JsonNode event) {
        if (event.hasNonNull("disclosureId")) {
            return PUBLIC;
        }
        return text(event, "recipient", "organisation");
    }

    private static String purpose(String type, JsonNode event) {
        if (type.equals(PersonalDataTransferred.class.getName()) || type.equals(TransferRefused.class.getName())) {
            return PersonalDataTransferred.TRANSFER_PURPOSE;
        }
        if (type.equals(PersonalDataPubliclyDisclosed.class.getName())
                || type.equals(PublicDisclosureRefused.class.getName())) {
            return PersonalDataPubliclyDisclosed.PUBLIC_DISCLOSURE_PURPOSE;
        }
        return text(event, "purpose");
    }

    private static String outcome(String type) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return switch (simple) {
            case "PersonalDataDetokenized" -> "DETOKENIZED";
            case "DetokenizationRefused" -> "DETOKENIZATION_REFUSED";
            case "PersonalDataShared" -> "SHARED";
            case "ShareRefused" -> "SHARE_REFUSED";
            case "CrossBorderTransferRecorded" -> "CROSS_BORDER_TRANSFER";
            case "PersonalDataTransferred" -> "TRANSFERRED";
            case "TransferRefused" -> "TRANSFER_REFUSED";
            case "PersonalDataPubliclyDisclosed" -> "PUBLICLY_DISCLOSED";
            case "PublicDisclosureRefused" -> "PUBLIC_DISCLOSURE_REFUSED";
            default -> simple;
        };
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode node, String... keys) {
        for (String key : keys) {
            if (node.hasNonNull(key) && node.get(key).isValueNode()) {
                return node.get(key).asText();
            }
        }
        return null;
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
