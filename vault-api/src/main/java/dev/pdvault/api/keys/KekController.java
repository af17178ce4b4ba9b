package dev.pdvault.api.keys;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** KEK epochs on demand (they also run on a schedule), and the life cycle of every KEK version. */
@RestController
public class KekController {

    private final KekEpochs epochs;

    public KekController(KekEpochs epochs) {
        this.epochs = epochs;
    }

    @PostMapping("/v1/keys/epochs")
    @Allowed(Role.SECURITY_OFFICER)
    public KekEpochs.Rollover rollover(@RequestAttribute(AccessControl.IDENTITY) Identity identity) {
        try {
            return epochs.rollover(identity.caller());
        } catch (UnsupportedOperationException e) {
            throw VaultProblem.of(HttpStatus.NOT_IMPLEMENTED, "kek-rotation-not-supported",
                    "KEK rotation not supported", "This KEK set cannot be rotated through the vault; rotate it in"
                            + " the KMS and configure the new key first.");
        }
    }

    @GetMapping("/v1/keys/kek-versions")
    @Allowed({Role.SECURITY_OFFICER, Role.AUDITOR})
    public List<KekEpochs.Version> versions() {
        return epochs.versions();
    }
}
