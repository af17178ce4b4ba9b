package dev.pdvault.api.subject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.subject.api.DestroyedKey;
import dev.pdvault.domain.subject.api.SubjectId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads erasure receipts from the subject projection. */
@Component
public class ReceiptQuery {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final KeyEncryptionKeys keks;

    public ReceiptQuery(JdbcTemplate jdbc, ObjectMapper json, KeyEncryptionKeys keks) {
        this.jdbc = jdbc;
        this.json = json;
        this.keks = keks;
    }

    public Optional<ErasureReceipt> find(SubjectId subject) {
        return jdbc.query("SELECT erasure_id, erasure_requested_at, erased_at, destroyed_keys::text FROM subject_view"
                        + " WHERE subject_id = ? AND erasure_id IS NOT NULL",
                (rs, i) -> {
                    List<DestroyedKey> keys = parse(rs.getString(4));
                    List<String> keksInUse = keys.stream().map(DestroyedKey::kekVersion).distinct()
                            .filter(v -> keks.versions().contains(v)).sorted().toList();
                    Instant erased = rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant();
                    return new ErasureReceipt(subject.value(), rs.getString(1),
                            rs.getTimestamp(2).toInstant(), erased, keys, keksInUse,
                            erased != null && keksInUse.isEmpty());
                }, UUID.fromString(subject.value())).stream().findFirst();
    }

    private List<DestroyedKey> parse(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            List<Map<String, Object>> raw = json.readValue(text, new TypeReference<>() {
            });
            return raw.stream().map(m -> new DestroyedKey(new KeyClass((String) m.get("keyClass")),
                    ((Number) m.get("keyVersion")).longValue(), (String) m.get("kekVersion"),
                    Instant.parse((String) m.get("destroyedAt")))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
