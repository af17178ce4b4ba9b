package dev.pdvault.api.access;

import dev.pdvault.api.security.Identity;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.access.api.AccessId;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.RecordShare;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.RecipientDefinition;
import dev.pdvault.domain.subject.api.Token;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Disclosure of tokens to a named recipient: decided on the same facts as an access, in one transaction that
 * takes the subjects' fence, and recorded allowed or refused. Nothing is decrypted: the recipient detokenizes
 * later, under its own identity, only what was shared with it.
 */
@Service
public class ShareService {

    public record Shared(AccessId shareId, Decision decision) {
    }

    private final DetokenizeService access;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final Catalogue catalogue;
    private final Clock clock;
    private final MeterRegistry meters;

    public ShareService(DetokenizeService access, CommandGateway commands, TransactionTemplate transactions,
                        Catalogue catalogue, Clock clock, MeterRegistry meters) {
        this.access = access;
        this.commands = commands;
        this.transactions = transactions;
        this.catalogue = catalogue;
        this.clock = clock;
        this.meters = meters;
    }

    public Shared share(Identity identity, String recipientName, String purposeName, List<Token> tokens,
                        Optional<LegalBasis> legalBasis) {
        RecipientDefinition recipient = catalogue.recipient(recipientName)
                .orElseThrow(() -> VaultProblem.unknown("recipient"));
        Purpose purpose = catalogue.purpose(purposeName).orElseThrow(() -> VaultProblem.unknown("purpose")).purpose();
        AccessId shareId = new AccessId(UUID.randomUUID().toString());
        Decision decision = transactions.execute(tx -> {
            DetokenizeService.TokenDecisionFacts facts = access.decisionFacts(tokens);
            return commands.sendAndWait(new RecordShare(shareId, identity.caller(), identity.grant(),
                    recipient.recipient(), purpose, legalBasis, facts.tokens(), facts.subjects(), facts.policy(),
                    clock.instant()));
        });
        meters.counter("vault.shares", "recipient_kind", recipient.kind().name().toLowerCase(), "outcome",
                decision.allowed() ? "shared" : decision.denial().get().name().toLowerCase()).increment();
        if (!decision.allowed()) {
            throw VaultProblem.denied(decision.denial().get());
        }
        return new Shared(shareId, decision);
    }
}
