package dev.pdvault.api.subject;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.shared.InvalidIdException;
import dev.pdvault.domain.subject.api.Region;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Data subjects: register, collect records, erase, and read the history. */
@RestController
@RequestMapping("/v1/subjects")
public class SubjectController {

    private final SubjectService subjects;
    private final ErasureService erasures;
    private final HistoryQuery history;
    private final ReceiptQuery receipts;
    private final int maxFields;

    public SubjectController(SubjectService subjects, ErasureService erasures, HistoryQuery history,
                             ReceiptQuery receipts, VaultProperties properties) {
        this.subjects = subjects;
        this.erasures = erasures;
        this.history = history;
        this.receipts = receipts;
        this.maxFields = properties.limits().maxFieldsPerRecord();
    }

    public record RegisterRequest(@NotBlank @Size(max = 8) String region, @Size(max = 10) String birthDate) {
        /** The birth date is personal data: redacted. */
        @Override
        public String toString() {
            return "RegisterRequest[redacted]";
        }
    }

    public record RegisterResponse(String subjectId, String birthDateToken) {
    }

    @PostMapping
    @Allowed(Role.COLLECTOR)
    public ResponseEntity<RegisterResponse> register(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                                     @Valid @RequestBody RegisterRequest request) {
        Region region = parse(() -> new Region(request.region()));
        SubjectService.Registered registered = subjects.register(identity, region,
                Optional.ofNullable(request.birthDate()));
        return ResponseEntity.created(URI.create("/v1/subjects/" + registered.subjectId().value()))
                .body(new RegisterResponse(registered.subjectId().value(),
                        registered.birthDateToken().map(Token::value).orElse(null)));
    }

    public record CollectRequest(@NotBlank @Size(max = 64) String category, @NotBlank @Size(max = 64) String purpose,
                                 @NotBlank @Size(max = 64) String source, @NotNull Map<String, String> fields) {
        /**
         * Holds plaintext: redacted so that no debug log of a request can carry it. Category and purpose too: in
         * a bad request they are whatever the caller sent.
         */
        @Override
        public String toString() {
            return "CollectRequest[" + fields.size() + " fields, redacted]";
        }
    }

    public record CollectResponse(String collectionId, Map<String, Token> tokens) {
    }

    @PostMapping("/{subjectId}/records")
    @Allowed(Role.COLLECTOR)
    public ResponseEntity<CollectResponse> collect(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                                   @PathVariable String subjectId,
                                                   @Valid @RequestBody CollectRequest request) {
        SubjectId subject = subjectId(subjectId);
        if (request.fields().values().stream().anyMatch(v -> v == null)) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-field-value", "Invalid field value",
                    "Field values must be strings.");
        }
        SubjectService.Collected collected = parse(() -> subjects.collect(identity, subject, request.category(),
                request.purpose(), request.source(), request.fields(), maxFields));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CollectResponse(collected.collectionId().value(), collected.tokens()));
    }

    @DeleteMapping("/{subjectId}")
    @Allowed(Role.PRIVACY_OFFICER)
    public ResponseEntity<ErasureReceipt> erase(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                                @PathVariable String subjectId) {
        ErasureReceipt receipt = erasures.erase(identity.caller(), subjectId(subjectId));
        return ResponseEntity.status(receipt.complete() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(receipt);
    }

    @GetMapping("/{subjectId}/erasure")
    @Allowed({Role.PRIVACY_OFFICER, Role.AUDITOR})
    public ErasureReceipt receipt(@PathVariable String subjectId) {
        return receipts.find(subjectId(subjectId)).orElseThrow(() -> VaultProblem.of(HttpStatus.NOT_FOUND,
                "no-erasure", "No erasure", "This subject has no erasure."));
    }

    public record HistoryResponse(String subjectId, List<ObjectNode> events) {
    }

    @GetMapping("/{subjectId}/history")
    @Allowed({Role.PRIVACY_OFFICER, Role.AUDITOR})
    public HistoryResponse history(@PathVariable String subjectId) {
        SubjectId subject = subjectId(subjectId);
        List<ObjectNode> events = history.history(subject);
        if (events.isEmpty()) {
            throw VaultProblem.unknownSubject();
        }
        return new HistoryResponse(subject.value(), events);
    }

    static SubjectId subjectId(String raw) {
        try {
            return new SubjectId(raw);
        } catch (InvalidIdException e) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-subject-id", "Invalid subject id",
                    "A subject id is a lower-case UUID.");
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (InvalidIdException e) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-" + e.kind().replace(' ', '-'),
                    "Invalid " + e.kind(), "The " + e.kind() + " is not of the accepted form.");
        }
    }
}
