package dev.pdvault.api.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdvault.api.subject.ConsentService;

import java.time.Instant;
import java.util.List;

/**
 * Everything the vault holds about one subject, decrypted, for the subject (policy: V (I) "inquire"): its
 * values, consents, opt-outs and history of accesses and shares. Held in memory only and handed back once;
 * its {@code toString} is redacted so that no log line can carry it.
 */
public record SubjectExport(String subjectId, String requestId, Instant exportedAt, Subject subject,
                            List<Value> data, Password password, List<ConsentService.ConsentView> consents,
                            List<String> optOuts, List<ObjectNode> history) {

    /** What the subject is, as registered: region, age band, status. */
    public record Subject(String region, String ageBand, String status, Instant registeredAt, Instant erasedAt) {
    }

    /**
     * One collected value: {@code value} is the plaintext, or {@code [erased]} when its key was destroyed, or
     * {@code [unreadable]} when it did not open.
     */
    public record Value(String token, String category, String field, String purpose, Instant collectedAt,
                        Instant correctedAt, String state, String value) {
    }

    /** Whether a password is set: it is kept only as a one-way hash and never exported. */
    public record Password(boolean set, Instant lastSetAt) {
    }

    @Override
    public String toString() {
        return "SubjectExport[" + data.size() + " values, redacted]";
    }
}
