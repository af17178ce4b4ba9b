package dev.pdvault.api.ledger;

import dev.pdvault.api.ledger.verify.Checkpoint;
import dev.pdvault.api.ledger.verify.Proof;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.function.Supplier;

/** Signed checkpoints of the event store's hash chain, and proofs over them, for auditors. */
@RestController
public class LedgerController {

    private final Ledger ledger;
    private final LedgerSelfCheck selfCheck;

    public LedgerController(Ledger ledger, LedgerSelfCheck selfCheck) {
        this.ledger = ledger;
        this.selfCheck = selfCheck;
    }

    @GetMapping("/v1/ledger/status")
    @Allowed({Role.AUDITOR, Role.SECURITY_OFFICER})
    public LedgerStatus status() {
        return guarded(selfCheck::status);
    }

    @PostMapping("/v1/ledger/checkpoints")
    @Allowed({Role.AUDITOR, Role.SECURITY_OFFICER})
    public ResponseEntity<Checkpoint> checkpoint() {
        return ResponseEntity.status(HttpStatus.CREATED).body(guarded(() -> ledger.checkpoint(true)));
    }

    @GetMapping("/v1/ledger/checkpoints")
    @Allowed({Role.AUDITOR, Role.SECURITY_OFFICER})
    public List<Checkpoint> checkpoints() {
        return ledger.checkpoints();
    }

    @GetMapping(value = "/v1/ledger/public-key", produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Role.AUDITOR, Role.SECURITY_OFFICER})
    public String publicKey() {
        return guarded(ledger::publicKey);
    }

    @GetMapping("/v1/ledger/proofs/consistency")
    @Allowed({Role.AUDITOR, Role.SECURITY_OFFICER})
    public Proof consistency(@RequestParam(defaultValue = "0") long from, @RequestParam(required = false) Long to) {
        return guarded(() -> ledger.consistency(from, to != null ? to : ledger.latest()
                .map(Checkpoint::number).orElseThrow(() -> new Ledger.UnknownCheckpointException(0))));
    }

    @GetMapping("/v1/ledger/proofs/inclusion")
    @Allowed({Role.AUDITOR, Role.SECURITY_OFFICER})
    public Ledger.Inclusion inclusion(@RequestParam String event, @RequestParam long checkpoint) {
        return guarded(() -> ledger.inclusion(event, checkpoint));
    }

    private static <T> T guarded(Supplier<T> action) {
        try {
            return action.get();
        } catch (Ledger.NotSettledException e) {
            throw VaultProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "ledger-not-settled", "Ledger not settled",
                    "Transactions writing events did not end in time; try again.");
        } catch (LedgerSigner.NotConfiguredException e) {
            throw VaultProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "ledger-not-configured", "Ledger not configured",
                    "No checkpoint signing key is configured: set vault.ledger.signing-keyset-file.");
        } catch (Ledger.UnknownCheckpointException e) {
            throw VaultProblem.of(HttpStatus.NOT_FOUND, "unknown-checkpoint", "Unknown checkpoint",
                    "This vault has signed no such checkpoint.");
        } catch (Ledger.NotCoveredException e) {
            throw VaultProblem.of(HttpStatus.NOT_FOUND, "event-not-covered", "Event not covered",
                    "No such event is covered by that checkpoint.");
        }
    }
}
