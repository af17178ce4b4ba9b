package dev.pdvault.api.keys;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.keys.api.KekState;
import dev.pdvault.domain.keys.api.KekStateTransitionRefusedException;
import dev.pdvault.domain.keys.api.KekVersionInUseException;
import dev.pdvault.domain.keys.api.RewrapReason;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.function.Supplier;

/**
 * Key management for security teams: the inventory, KEK rotation, the rewrap job, version states and destruction,
 * and KEK epochs on demand (they also run on a schedule).
 */
@RestController
public class KekController {

    /** The body of a state change. */
    public record StateChange(String state) {
    }

    /** What a rotation did: the new primary, and the rewrap job that moves every data key to it. */
    public record RotationStarted(int epoch, String primary, String previousPrimary, KekRewrapJob.Job rewrap) {
    }

    private final KekEpochs epochs;
    private final KekLifecycle lifecycle;
    private final KekRewrapJob rewrap;
    private final KeyInventory inventory;

    public KekController(KekEpochs epochs, KekLifecycle lifecycle, KekRewrapJob rewrap, KeyInventory inventory) {
        this.epochs = epochs;
        this.lifecycle = lifecycle;
        this.rewrap = rewrap;
        this.inventory = inventory;
    }

    @GetMapping("/v1/keys")
    @Allowed({Role.SECURITY_OFFICER, Role.AUDITOR})
    public KeyInventory.Inventory inventory() {
        return inventory.inventory();
    }

    @PostMapping("/v1/keys/kek/rotation")
    @Allowed(Role.SECURITY_OFFICER)
    public ResponseEntity<RotationStarted> rotate(@RequestAttribute(AccessControl.IDENTITY) Identity identity) {
        return guarded(() -> {
            KekLifecycle.Rotation rotation = lifecycle.rotate(identity.caller());
            KekRewrapJob.Job job = rewrap.start(RewrapReason.ROTATION, identity.caller());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RotationStarted(rotation.epoch(),
                    rotation.primary(), rotation.previousPrimary(), job));
        });
    }

    @PostMapping("/v1/keys/kek/rewrap")
    @Allowed(Role.SECURITY_OFFICER)
    public ResponseEntity<KekRewrapJob.Job> startRewrap(@RequestAttribute(AccessControl.IDENTITY) Identity identity) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rewrap.start(RewrapReason.OPERATOR, identity.caller()));
    }

    @GetMapping("/v1/keys/kek/rewrap")
    @Allowed({Role.SECURITY_OFFICER, Role.AUDITOR})
    public KekRewrapJob.Job rewrapJob() {
        return rewrap.current().orElseThrow(() -> VaultProblem.of(HttpStatus.NOT_FOUND, "no-rewrap-job",
                "No rewrap job", "No rewrap job has run in this vault."));
    }

    @PostMapping("/v1/keys/kek/{version}/state")
    @Allowed(Role.SECURITY_OFFICER)
    public KekLifecycle.Moved changeState(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                          @PathVariable String version, @RequestBody StateChange body) {
        KekState target = parse(body == null ? null : body.state());
        return guarded(() -> lifecycle.changeState(version, target, identity.caller()));
    }

    @DeleteMapping("/v1/keys/kek/{version}")
    @Allowed(Role.SECURITY_OFFICER)
    public KekLifecycle.Moved destroy(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                      @PathVariable String version) {
        return guarded(() -> lifecycle.destroy(version, identity.caller()));
    }

    @PostMapping("/v1/keys/epochs")
    @Allowed(Role.SECURITY_OFFICER)
    public KekEpochs.Rollover rollover(@RequestAttribute(AccessControl.IDENTITY) Identity identity) {
        return guarded(() -> epochs.rollover(identity.caller()));
    }

    @GetMapping("/v1/keys/kek-versions")
    @Allowed({Role.SECURITY_OFFICER, Role.AUDITOR})
    public List<KekEpochs.Version> versions() {
        return epochs.versions();
    }

    private static KekState parse(String state) {
        try {
            return KekState.valueOf(state);
        } catch (RuntimeException e) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-kek-state", "Invalid KEK state",
                    "The state must be one of PRE_ACTIVATION, ACTIVE, SUSPENDED, DEACTIVATED, COMPROMISED, DESTROYED.");
        }
    }

    private static <T> T guarded(Supplier<T> action) {
        try {
            return action.get();
        } catch (UnsupportedOperationException e) {
            throw VaultProblem.of(HttpStatus.NOT_IMPLEMENTED, "kek-rotation-not-supported",
                    "KEK rotation not supported", "This KEK set cannot be rotated through the vault; rotate it in"
                            + " the KMS and configure the new key first.");
        } catch (KekLifecycle.UnknownKekVersionException e) {
            throw VaultProblem.of(HttpStatus.NOT_FOUND, "unknown-kek-version", "Unknown KEK version",
                    "This vault has no record of that KEK version.");
        } catch (KekVersionInUseException e) {
            VaultProblem problem = VaultProblem.of(HttpStatus.CONFLICT, "kek-version-in-use", "KEK version in use",
                    "Live data keys are still wrapped by this KEK version; let the rewrap job move them first.");
            problem.getBody().setProperty("version", e.version().value());
            problem.getBody().setProperty("liveDataKeys", e.liveDataKeys());
            throw problem;
        } catch (KekStateTransitionRefusedException e) {
            VaultProblem problem = VaultProblem.of(HttpStatus.CONFLICT, "kek-state-transition-refused",
                    "KEK state transition refused", e.getMessage());
            problem.getBody().setProperty("version", e.version().value());
            problem.getBody().setProperty("from", e.from() == null ? null : e.from().name());
            problem.getBody().setProperty("to", e.to().name());
            throw problem;
        }
    }
}
