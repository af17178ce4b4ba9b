package dev.pdvault.api.keys;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.shared.InvalidIdException;
import dev.pdvault.domain.subject.api.SubjectId;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Rotation of data keys on demand (per subject or all), and what each of a subject's keys has sealed. */
@RestController
public class DataKeyController {

    private final DataKeyRotation rotation;
    private final DataKeyUsage usage;
    private final JdbcTemplate jdbc;

    public DataKeyController(DataKeyRotation rotation, DataKeyUsage usage, JdbcTemplate jdbc) {
        this.rotation = rotation;
        this.usage = usage;
        this.jdbc = jdbc;
    }

    /** The subject's rotated keys; empty when it has no live key (none yet, or erased). */
    public record SubjectRotation(String subjectId, List<DataKeyRotation.Rotation> rotated) {
    }

    /** A subject's key rows and the encryptions of every key that sealed something, with the limit. */
    public record SubjectKeys(String subjectId, List<KeyRow> keys, List<DataKeyUsage.Usage> usage,
                              long maxEncryptionsPerKey) {
    }

    public record KeyRow(String keyClass, long keyVersion, String kekVersion, Long primaryKeyId, boolean destroyed) {
    }

    @PostMapping("/v1/keys/data-keys/{subjectId}/rotation")
    @Allowed(Role.SECURITY_OFFICER)
    public SubjectRotation rotate(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                  @PathVariable String subjectId) {
        SubjectId subject = existing(subjectId);
        return new SubjectRotation(subject.value(), rotation.rotate(subject, identity.caller()));
    }

    @PostMapping("/v1/keys/data-keys/rotation")
    @Allowed(Role.SECURITY_OFFICER)
    public DataKeyRotation.AllRotated rotateAll(@RequestAttribute(AccessControl.IDENTITY) Identity identity) {
        return rotation.rotateAll(identity.caller());
    }

    @GetMapping("/v1/keys/data-keys/{subjectId}")
    @Allowed({Role.SECURITY_OFFICER, Role.AUDITOR})
    public SubjectKeys keys(@PathVariable String subjectId) {
        SubjectId subject = existing(subjectId);
        UUID id = UUID.fromString(subject.value());
        List<KeyRow> rows = jdbc.query("SELECT key_class, key_version, kek_version, primary_key_id, wrapped IS NULL"
                + " FROM data_key WHERE subject_id = ? ORDER BY key_class", (rs, i) -> {
                    long keyId = rs.getLong(4);
                    Long primary = rs.wasNull() ? null : keyId;
                    return new KeyRow(rs.getString(1), rs.getLong(2), rs.getString(3), primary, rs.getBoolean(5));
                }, id);
        return new SubjectKeys(subject.value(), rows, usage.of(id), rotation.maxEncryptionsPerKey());
    }

    private SubjectId existing(String raw) {
        SubjectId subject;
        try {
            subject = new SubjectId(raw);
        } catch (InvalidIdException e) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-subject-id", "Invalid subject id",
                    "A subject id is a lower-case UUID.");
        }
        if (jdbc.queryForList("SELECT 1 FROM subject_view WHERE subject_id = ?", Integer.class,
                UUID.fromString(subject.value())).isEmpty()) {
            throw VaultProblem.unknownSubject();
        }
        return subject;
    }
}
