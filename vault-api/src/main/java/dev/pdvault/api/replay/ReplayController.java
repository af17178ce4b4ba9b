package dev.pdvault.api.replay;

import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Operators rebuild projections by replay; auditors compare their digest with a replay of their own. */
@RestController
@RequestMapping("/v1/projections")
public class ReplayController {

    private final ProjectionRebuilder rebuilder;
    private final ProjectionDigest digest;

    public ReplayController(ProjectionRebuilder rebuilder, ProjectionDigest digest) {
        this.rebuilder = rebuilder;
        this.digest = digest;
    }

    @PostMapping("/rebuild")
    @Allowed(Role.SECURITY_OFFICER)
    public ProjectionRebuilder.Progress rebuild() {
        return rebuilder.rebuildAll();
    }

    @GetMapping("/digest")
    @Allowed({Role.AUDITOR, Role.SECURITY_OFFICER})
    public Map<String, String> digest() {
        return digest.digests();
    }
}
