package dev.pdvault.api.disclosure;

import dev.pdvault.api.access.DetokenizeService;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.disclosure.api.DisclosureId;
import dev.pdvault.domain.disclosure.api.DisclosureVerdict;
import dev.pdvault.domain.disclosure.api.PublicDisclosureBasis;
import dev.pdvault.domain.disclosure.api.RecordPublicDisclosure;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.subject.api.SubjectId;
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
 * Public disclosure of the data behind tokens: decided on the same facts as an access (read after the subjects'
 * fence, in one transaction) by the {@code PublicDisclosure} aggregate and recorded, allowed or refused.
 * Nothing is decrypted: the record authorises the publication, which the platform makes.
 */
@Service
public class PublicDisclosureService {

    private final DetokenizeService access;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;

    public PublicDisclosureService(DetokenizeService access, CommandGateway commands, TransactionTemplate transactions,
                                   Clock clock, MeterRegistry meters) {
        this.access = access;
        this.commands = commands;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
    }

    public DisclosureId disclose(Identity identity, PublicDisclosureBasis basis, Optional<LegalBasis> legalBasis,
                                 Optional<String> reference, List<Token> tokens) {
        DisclosureId disclosureId = new DisclosureId(UUID.randomUUID().toString());
        DisclosureVerdict verdict = transactions.execute(tx -> {
            DetokenizeService.TokenDecisionFacts facts = access.decisionFacts(tokens);
            return commands.sendAndWait(new RecordPublicDisclosure(disclosureId, identity.caller(),
                    DisclosureRequests.discloser(identity), basis, legalBasis, reference, facts.tokens(),
                    facts.subjects(), facts.policy(), clock.instant()));
        });
        meters.counter("vault.public_disclosures", "basis", basis.name().toLowerCase(), "outcome",
                verdict.allowed() ? "disclosed" : verdict.denial().get().name().toLowerCase()).increment();
        if (!verdict.allowed()) {
            throw VaultProblem.denied(verdict.denial().get()).with("disclosureId", disclosureId.value())
                    .with("refusedSubjects", verdict.refusedSubjects().stream().map(SubjectId::value).toList());
        }
        return disclosureId;
    }
}
