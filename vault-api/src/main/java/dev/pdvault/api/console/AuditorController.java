package dev.pdvault.api.console;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.subject.api.Token;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * What the auditor console needs beyond the history, report and ledger endpoints: who is signed in, and which
 * subject a token belongs to (an auditor often starts from a token found in a log or a complaint).
 */
@RestController
@RequestMapping("/v1/auditor")
public class AuditorController {

    private final JdbcTemplate jdbc;

    public AuditorController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Session(String caller, List<String> roles) {
    }

    public record TokenOwner(String token, String subjectId) {
    }

    @GetMapping("/session")
    @Allowed(Role.AUDITOR)
    public Session session(@RequestAttribute(AccessControl.IDENTITY) Identity identity) {
        return new Session(identity.caller().name(), identity.roles().stream().map(Role::name).sorted().toList());
    }

    @GetMapping("/tokens/{token}")
    @Allowed(Role.AUDITOR)
    public TokenOwner owner(@PathVariable String token) {
        if (!Token.isWellFormed(token)) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "malformed-token", "Malformed token",
                    "The token is not of the vault's token format.");
        }
        List<UUID> owners = jdbc.queryForList("SELECT subject_id FROM token_ref WHERE token = ?", UUID.class, token);
        if (owners.isEmpty()) {
            throw VaultProblem.unknownToken();
        }
        return new TokenOwner(token, owners.get(0).toString());
    }
}
