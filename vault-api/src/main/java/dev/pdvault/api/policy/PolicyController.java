package dev.pdvault.api.policy;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.publication.api.PolicyVersionAlreadyPublishedException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The privacy policy's versions: publishing one is an event; a major one puts the affected consents on hold. */
@RestController
@RequestMapping("/v1/policy/versions")
public class PolicyController {

    private final PolicyVersions versions;
    private final Catalogue catalogue;

    public PolicyController(PolicyVersions versions, Catalogue catalogue) {
        this.versions = versions;
        this.catalogue = catalogue;
    }

    public record PublishRequest(@NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*") String label,
                                 boolean major, @NotNull List<@NotNull String> affectedPurposes,
                                 @NotBlank @Size(max = 512) String summary) {
    }

    public record Published(int number) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed(Role.PRIVACY_OFFICER)
    public Published publish(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                             @Valid @RequestBody PublishRequest request) {
        Set<Purpose> affected = request.affectedPurposes().stream()
                .map(p -> catalogue.purpose(p).orElseThrow(() -> VaultProblem.unknown("purpose")).purpose())
                .collect(Collectors.toSet());
        if (request.major() && affected.isEmpty()) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "major-change-without-purposes",
                    "Major change without purposes", "A major change names the purposes whose consents it affects.");
        }
        try {
            return new Published(versions.publish(identity, request.label(), request.major(), affected,
                    request.summary()));
        } catch (PolicyVersionAlreadyPublishedException e) {
            throw VaultProblem.of(HttpStatus.CONFLICT, "policy-version-exists", "Policy version exists",
                    "A version with this label was already published.");
        }
    }

    @GetMapping
    @Allowed({Role.PRIVACY_OFFICER, Role.AUDITOR, Role.COLLECTOR, Role.DETOKENIZER, Role.SECURITY_OFFICER, Role.LEGAL})
    public List<PolicyVersions.Version> list() {
        return versions.list();
    }
}
