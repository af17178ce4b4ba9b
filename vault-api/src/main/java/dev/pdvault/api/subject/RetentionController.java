package dev.pdvault.api.subject;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.shared.InvalidIdException;
import dev.pdvault.domain.subject.api.CollectionId;
import dev.pdvault.domain.subject.api.CommandOutcome;
import dev.pdvault.domain.subject.api.CompleteTransaction;
import dev.pdvault.domain.subject.api.HoldId;
import dev.pdvault.domain.subject.api.PlaceLegalHold;
import dev.pdvault.domain.subject.api.ReleaseLegalHold;
import dev.pdvault.domain.subject.api.SubjectId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static dev.pdvault.api.subject.SubjectController.subjectId;

/**
 * Retention and legal holds: a transaction's completion starts its retention period; a privileged identity
 * places and releases holds (shredding waits for them); a sweep shreds what is due.
 */
@RestController
public class RetentionController {

    private final CommandGateway commands;
    private final ErasureService erasures;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public RetentionController(CommandGateway commands, ErasureService erasures, JdbcTemplate jdbc, Clock clock) {
        this.commands = commands;
        this.erasures = erasures;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PostMapping("/v1/subjects/{subjectId}/records/{collectionId}/completion")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Allowed(Role.COLLECTOR)
    public void complete(@RequestAttribute(AccessControl.IDENTITY) Identity identity, @PathVariable String subjectId,
                         @PathVariable String collectionId) {
        CollectionId collection = id(() -> new CollectionId(collectionId), "invalid-collection-id");
        refuseUnlessAccepted(send(new CompleteTransaction(subjectId(subjectId), collection, identity.caller(),
                clock.instant())));
    }

    public record HoldRequest(@NotBlank @Size(max = 64) String reference) {
    }

    public record HoldResponse(String holdId, String reference) {
    }

    public record HoldView(String holdId, String reference, String placedBy, Instant placedAt, String releasedBy,
                           Instant releasedAt) {
    }

    @PostMapping("/v1/subjects/{subjectId}/legal-holds")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed(Role.LEGAL)
    public HoldResponse place(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                              @PathVariable String subjectId, @Valid @RequestBody HoldRequest request) {
        if (!LegalBasis.isReference(request.reference())) {
            throw VaultProblem.invalidField("reference");
        }
        HoldId hold = new HoldId(UUID.randomUUID().toString());
        send(new PlaceLegalHold(subjectId(subjectId), hold, request.reference(), identity.caller(), clock.instant()));
        return new HoldResponse(hold.value(), request.reference());
    }

    /** Releases a hold and, if nothing else holds the subject, carries out the shredding it blocked. */
    @DeleteMapping("/v1/subjects/{subjectId}/legal-holds/{holdId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Allowed(Role.LEGAL)
    public void release(@RequestAttribute(AccessControl.IDENTITY) Identity identity, @PathVariable String subjectId,
                        @PathVariable String holdId) {
        SubjectId subject = subjectId(subjectId);
        HoldId hold = id(() -> new HoldId(holdId), "invalid-hold-id");
        refuseUnlessAccepted(send(new ReleaseLegalHold(subject, hold, identity.caller(), clock.instant())));
        erasures.resume(subject);
    }

    @GetMapping("/v1/subjects/{subjectId}/legal-holds")
    @Allowed({Role.LEGAL, Role.PRIVACY_OFFICER, Role.AUDITOR})
    public List<HoldView> holds(@PathVariable String subjectId) {
        return jdbc.query("SELECT hold_id::text, reference, placed_by, placed_at, released_by, released_at"
                + " FROM legal_hold WHERE subject_id = ? ORDER BY placed_at", (rs, i) -> new HoldView(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5),
                rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()),
                UUID.fromString(subjectId(subjectId).value()));
    }

    /** Runs the retention sweep now (it also runs on a schedule, and at start-up). */
    @PostMapping("/v1/retention/sweep")
    @Allowed({Role.PRIVACY_OFFICER, Role.SECURITY_OFFICER})
    public ErasureService.Sweep sweep() {
        return erasures.sweep();
    }

    private CommandOutcome send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw VaultProblem.unknownSubject();
        }
    }

    private static void refuseUnlessAccepted(CommandOutcome outcome) {
        if (!outcome.accepted()) {
            throw VaultProblem.refused(outcome.refusal().get());
        }
    }

    private static <T> T id(Supplier<T> parse, String slug) {
        try {
            return parse.get();
        } catch (InvalidIdException e) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, slug, "Invalid id", "The id is not a lower-case UUID.");
        }
    }
}
