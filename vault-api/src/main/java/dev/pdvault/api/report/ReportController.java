package dev.pdvault.api.report;

import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.disclosure.api.Organisation;
import dev.pdvault.domain.shared.Ids;
import dev.pdvault.domain.subject.api.SubjectId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Auditors' reports over any range, by replay of the event store: a subject's accesses, shares, transfers and
 * public disclosures, what the vault held about a subject as of an instant, and everything a caller accessed or a
 * recipient (an organisation, or {@code public}) received. JSON,
 * or CSV with {@code Accept: text/csv} or {@code ?format=csv}. Tokens and field names only, never a value.
 */
@RestController
@RequestMapping("/v1/reports")
public class ReportController {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    static final String ACCESS_HEADER = "at,outcome,id,caller,recipient,purpose,basis,reason,legal_exception,"
            + "legal_reference,from_region,to_region,fields";
    static final String HOLDING_HEADER = "token,category,field,purpose,key_class,collected_at,state,corrected_at,"
            + "erased_at";

    private final AuditReports reports;
    private final Clock clock;

    public ReportController(AuditReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    public record AccessReport(String subjectId, String caller, String recipient, Instant from, Instant to,
                               List<AuditReports.AccessRow> rows) {
    }

    public record HoldingReport(String subjectId, Instant asOf, List<AuditReports.Holding> rows) {
    }

    @GetMapping("/subjects/{subjectId}/accesses")
    @Allowed({Role.AUDITOR, Role.PRIVACY_OFFICER})
    public ResponseEntity<?> subjectAccesses(@PathVariable String subjectId,
                                             @RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to,
                                             @RequestParam(required = false) String format,
                                             @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        SubjectId subject = new SubjectId(subjectId);
        Instant start = time(from, Instant.EPOCH, "from");
        Instant end = time(to, Instant.MAX, "to");
        List<AuditReports.AccessRow> rows = reports.subjectAccesses(subject, start, end);
        return answer(csv(format, accept), () -> accessCsv(rows),
                new AccessReport(subject.value(), null, null, start, open(end), rows));
    }

    @GetMapping("/subjects/{subjectId}/holdings")
    @Allowed({Role.AUDITOR, Role.PRIVACY_OFFICER})
    public ResponseEntity<?> holdings(@PathVariable String subjectId,
                                      @RequestParam(required = false) String asOf,
                                      @RequestParam(required = false) String format,
                                      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        SubjectId subject = new SubjectId(subjectId);
        Instant at = time(asOf, clock.instant(), "asOf");
        List<AuditReports.Holding> rows = reports.holdings(subject, at);
        return answer(csv(format, accept), () -> holdingCsv(rows), new HoldingReport(subject.value(), at, rows));
    }

    @GetMapping("/callers/{caller}/accesses")
    @Allowed({Role.AUDITOR, Role.PRIVACY_OFFICER})
    public ResponseEntity<?> callerAccesses(@PathVariable String caller,
                                            @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String format,
                                            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Ids.requireName(caller, "caller");
        Instant start = time(from, Instant.EPOCH, "from");
        Instant end = time(to, Instant.MAX, "to");
        List<AuditReports.AccessRow> rows = reports.callerAccesses(caller, start, end);
        return answer(csv(format, accept), () -> accessCsv(rows), new AccessReport(null, caller, null, start, open(end),
                rows));
    }

    @GetMapping("/recipients/{recipient}/received")
    @Allowed({Role.AUDITOR, Role.PRIVACY_OFFICER})
    public ResponseEntity<?> recipientReceived(@PathVariable String recipient,
                                               @RequestParam(required = false) String from,
                                               @RequestParam(required = false) String to,
                                               @RequestParam(required = false) String format,
                                               @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
                                               String accept) {
        if (!Ids.isName(recipient) && !Organisation.isName(recipient)) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-recipient", "Invalid recipient",
                    "A recipient is a recipient's name, an organisation's name, or public.");
        }
        Instant start = time(from, Instant.EPOCH, "from");
        Instant end = time(to, Instant.MAX, "to");
        List<AuditReports.AccessRow> rows = reports.recipientReceived(recipient, start, end);
        return answer(csv(format, accept), () -> accessCsv(rows), new AccessReport(null, null, recipient, start, open(end),
                rows));
    }

    private static ResponseEntity<?> answer(boolean csv, java.util.function.Supplier<String> text, Object report) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().cacheControl(org.springframework.http.CacheControl.noStore());
        return csv ? ok.contentType(CSV).body(text.get()) : ok.contentType(MediaType.APPLICATION_JSON).body(report);
    }

    /** An open end is left out of the answer. */
    private static Instant open(Instant end) {
        return Instant.MAX.equals(end) ? null : end;
    }

    private static boolean csv(String format, String accept) {
        if (format != null) {
            if (format.equals("csv")) {
                return true;
            }
            if (format.equals("json")) {
                return false;
            }
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-format", "Invalid format",
                    "The format is json or csv.");
        }
        return accept != null && accept.contains("text/csv");
    }

    private static Instant time(String value, Instant absent, String name) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-time", "Invalid time",
                    "The parameter " + name + " is an ISO-8601 instant such as 2026-01-31T00:00:00Z.");
        }
    }

    static String accessCsv(List<AuditReports.AccessRow> rows) {
        StringBuilder out = new StringBuilder(ACCESS_HEADER).append("\r\n");
        for (AuditReports.AccessRow r : rows) {
            String fields = r.fields().stream()
                    .map(f -> f.subjectId() + "/" + f.category() + "." + f.field() + "=" + f.token())
                    .collect(Collectors.joining(" "));
            line(out, r.at(), r.outcome(), r.id(), r.caller(), r.recipient(), r.purpose(), r.basis(), r.reason(),
                    r.legalException(), r.legalReference(), r.fromRegion(), r.toRegion(), fields);
        }
        return out.toString();
    }

    static String holdingCsv(List<AuditReports.Holding> rows) {
        StringBuilder out = new StringBuilder(HOLDING_HEADER).append("\r\n");
        for (AuditReports.Holding h : rows) {
            line(out, h.token(), h.category(), h.field(), h.purpose(), h.keyClass(), h.collectedAt(), h.state(),
                    h.correctedAt(), h.erasedAt());
        }
        return out.toString();
    }

    /** RFC 4180: quoted when needed; a cell starting like a formula is prefixed so spreadsheets show it as text. */
    private static void line(StringBuilder out, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String cell = cells[i] == null ? "" : cells[i].toString();
            if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0) {
                cell = "'" + cell;
            }
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                cell = '"' + cell.replace("\"", "\"\"") + '"';
            }
            out.append(cell);
        }
        out.append("\r\n");
    }
}
