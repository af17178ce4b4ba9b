package dev.pdvault.api.subject;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.subject.api.MalformedTokenException;
import dev.pdvault.domain.subject.api.Token;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Correction of the value behind a token; the token stays the same. */
@RestController
@RequestMapping("/v1/tokens")
public class TokenController {

    private final SubjectService subjects;

    public TokenController(SubjectService subjects) {
        this.subjects = subjects;
    }

    public record CorrectRequest(@NotNull String value) {
        /** Holds plaintext: redacted. */
        @Override
        public String toString() {
            return "CorrectRequest[redacted]";
        }
    }

    @PutMapping("/{token}")
    @Allowed({Role.COLLECTOR, Role.PRIVACY_OFFICER})
    public ResponseEntity<Void> correct(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                        @PathVariable String token, @Valid @RequestBody CorrectRequest request) {
        Token parsed;
        try {
            parsed = new Token(token);
        } catch (MalformedTokenException e) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "malformed-token", "Malformed token",
                    "The token is not of the vault's token format.");
        }
        subjects.correct(identity, parsed, request.value());
        return ResponseEntity.noContent().build();
    }
}
