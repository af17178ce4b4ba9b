package dev.pdvault.api.subject;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.pdvault.api.subject.SubjectController.subjectId;

/**
 * A subject's consents and opt-outs, as the platform's front end records the subject's choices. Every change
 * is an event; withdrawals and opt-outs apply to every access that starts after they are acknowledged.
 */
@RestController
@RequestMapping("/v1/subjects/{subjectId}")
public class ConsentController {

    private final ConsentService consents;

    public ConsentController(ConsentService consents) {
        this.consents = consents;
    }

    /**
     * @param category for a sensitive category: the explicit consent to it, for the purpose
     * @param guardian for a subject under 14: the consenting guardian's identity (fields of category guardian)
     */
    public record GrantRequest(@NotBlank @Size(max = 64) String purpose, @Size(max = 64) String category,
                               Map<String, String> guardian) {
        /** A guardian's identity is personal data: redacted. */
        @Override
        public String toString() {
            return "GrantRequest[" + purpose + ", " + category + ", guardian redacted]";
        }
    }

    public record GrantResponse(String purpose, String category, int policyVersion, Map<String, Token> guardianTokens) {
    }

    @PostMapping("/consents")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed({Role.COLLECTOR, Role.PRIVACY_OFFICER})
    public GrantResponse grant(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                               @PathVariable String subjectId, @Valid @RequestBody GrantRequest request) {
        SubjectId subject = subjectId(subjectId);
        ConsentScope scope = consents.scope(request.purpose(), Optional.ofNullable(request.category()));
        Map<String, String> guardian = request.guardian() == null ? Map.of() : request.guardian();
        if (guardian.values().stream().anyMatch(v -> v == null)) {
            throw VaultProblem.invalidField("guardian");
        }
        ConsentService.Granted granted = consents.grant(identity, subject, scope, guardian);
        return new GrantResponse(request.purpose(), request.category(), granted.policyVersion(),
                granted.guardianTokens());
    }

    @DeleteMapping("/consents/{purpose}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Allowed({Role.COLLECTOR, Role.PRIVACY_OFFICER})
    public void withdraw(@RequestAttribute(AccessControl.IDENTITY) Identity identity, @PathVariable String subjectId,
                         @PathVariable String purpose, @RequestParam(required = false) String category) {
        SubjectId subject = subjectId(subjectId);
        consents.withdraw(identity, subject, consents.scope(purpose, Optional.ofNullable(category)));
    }

    @GetMapping("/consents")
    @Allowed({Role.COLLECTOR, Role.PRIVACY_OFFICER, Role.AUDITOR})
    public List<ConsentService.ConsentView> list(@PathVariable String subjectId) {
        return consents.consents(subjectId(subjectId));
    }

    @PutMapping("/opt-outs/{optOut}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Allowed({Role.COLLECTOR, Role.PRIVACY_OFFICER})
    public void optOut(@RequestAttribute(AccessControl.IDENTITY) Identity identity, @PathVariable String subjectId,
                       @PathVariable String optOut) {
        consents.changeOptOut(identity, subjectId(subjectId), optOut(optOut), true);
    }

    @DeleteMapping("/opt-outs/{optOut}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Allowed({Role.COLLECTOR, Role.PRIVACY_OFFICER})
    public void optBackIn(@RequestAttribute(AccessControl.IDENTITY) Identity identity, @PathVariable String subjectId,
                          @PathVariable String optOut) {
        consents.changeOptOut(identity, subjectId(subjectId), optOut(optOut), false);
    }

    @GetMapping("/opt-outs")
    @Allowed({Role.COLLECTOR, Role.PRIVACY_OFFICER, Role.AUDITOR})
    public List<String> optOuts(@PathVariable String subjectId) {
        return consents.optOuts(subjectId(subjectId));
    }

    private static OptOut optOut(String raw) {
        try {
            return OptOut.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw VaultProblem.unknown("opt-out");
        }
    }
}
