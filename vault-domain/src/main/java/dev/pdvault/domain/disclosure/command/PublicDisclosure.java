package dev.pdvault.domain.disclosure.command;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.disclosure.api.DisclosureId;
import dev.pdvault.domain.disclosure.api.DisclosureVerdict;
import dev.pdvault.domain.disclosure.api.PersonalDataPubliclyDisclosed;
import dev.pdvault.domain.disclosure.api.PublicDisclosureRefused;
import dev.pdvault.domain.disclosure.api.RecordPublicDisclosure;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.subject.api.Token;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.List;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One public disclosure, decided once by {@link PublicDisclosurePolicy} and recorded, allowed or refused. */
public class PublicDisclosure {

    @AggregateIdentifier
    private DisclosureId disclosureId;

    protected PublicDisclosure() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public DisclosureVerdict handle(RecordPublicDisclosure cmd, Catalogue catalogue) {
        DisclosureVerdict verdict = PublicDisclosurePolicy.decide(cmd, catalogue);
        List<AccessedToken> known = cmd.tokens().stream().filter(t -> t.state() != TokenState.UNKNOWN)
                .map(TokenFacts::target).flatMap(Optional::stream).toList();
        if (verdict.allowed()) {
            apply(new PersonalDataPubliclyDisclosed(cmd.disclosureId(), cmd.caller(), cmd.basis(), cmd.legalBasis(),
                    cmd.reference(), known, cmd.at()));
        } else {
            List<Token> unknown = cmd.tokens().stream()
                    .filter(t -> t.state() == TokenState.UNKNOWN || t.target().isEmpty()).map(TokenFacts::token).toList();
            apply(new PublicDisclosureRefused(cmd.disclosureId(), cmd.caller(), cmd.basis(), cmd.legalBasis(),
                    cmd.reference(), verdict.denial().get(), known, unknown, verdict.refusedSubjects(), cmd.at()));
        }
        return verdict;
    }

    @EventSourcingHandler
    void on(PersonalDataPubliclyDisclosed event) {
        disclosureId = event.disclosureId();
    }

    @EventSourcingHandler
    void on(PublicDisclosureRefused event) {
        disclosureId = event.disclosureId();
    }
}
