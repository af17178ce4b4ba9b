package dev.pdvault.api.credential;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.credential.api.PasswordSet;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.InvalidIdException;
import dev.pdvault.domain.subject.api.SubjectId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A subject's password: set (registration, change) and verify. It is never returned, in any form. */
@RestController
@RequestMapping("/v1/subjects/{subjectId}/password")
public class PasswordController {

    private static final Purpose MEMBERSHIP = Purpose.of(PasswordSet.PURPOSE);

    private final PasswordService passwords;

    public PasswordController(PasswordService passwords) {
        this.passwords = passwords;
    }

    /** The password, in plaintext for the length of the request: never logged, never validated with its value. */
    public record PasswordRequest(@NotNull String password) {
        @Override
        public String toString() {
            return "PasswordRequest[redacted]";
        }
    }

    public record VerificationResponse(boolean verified) {
    }

    @PutMapping
    @Allowed(Role.COLLECTOR)
    public ResponseEntity<Void> set(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                    @PathVariable String subjectId, @Valid @RequestBody PasswordRequest request) {
        passwords.set(identity, subjectId(subjectId), request.password());
        return ResponseEntity.noContent().build();
    }

    /** Collectors verify (registration, login flows); a detokenizer only when granted the membership purpose. */
    @PostMapping("/verification")
    @Allowed({Role.COLLECTOR, Role.DETOKENIZER})
    public VerificationResponse verify(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                       @PathVariable String subjectId, @Valid @RequestBody PasswordRequest request) {
        if (!identity.has(Role.COLLECTOR) && !identity.purposes().contains(MEMBERSHIP)) {
            throw VaultProblem.denied(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER);
        }
        return new VerificationResponse(passwords.verify(identity, subjectId(subjectId), request.password()));
    }

    private static SubjectId subjectId(String raw) {
        try {
            return new SubjectId(raw);
        } catch (InvalidIdException e) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-subject-id", "Invalid subject id",
                    "A subject id is a lower-case UUID.");
        }
    }
}
