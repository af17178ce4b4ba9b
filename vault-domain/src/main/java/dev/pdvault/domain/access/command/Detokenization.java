package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.AccessId;
import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.CrossBorderTransferRecorded;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.DetokenizationRefused;
import dev.pdvault.domain.access.api.PersonalDataDetokenized;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.List;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One detokenization request: decided once by {@link DetokenizationPolicy} against the catalogue and
 * recorded, allowed or denied; an allowed access that carries data of mainland-China subjects out of the
 * region records the transfer too. Each request is its own small aggregate, so recording accesses never
 * contends on a subject's stream and many of them commit in one transaction.
 */
public class Detokenization {

    @AggregateIdentifier
    private AccessId accessId;

    protected Detokenization() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public Decision handle(RecordDetokenization cmd, Catalogue catalogue) {
        Decision decision = DetokenizationPolicy.decide(cmd, catalogue);
        List<AccessedToken> known = cmd.tokens().stream().filter(t -> t.state() != TokenState.UNKNOWN)
                .map(TokenFacts::target).flatMap(Optional::stream).toList();
        if (decision.allowed()) {
            apply(new PersonalDataDetokenized(cmd.accessId(), cmd.caller(), cmd.purpose(), decision.basis().get(),
                    cmd.legalBasis(), known, cmd.at()));
            List<SubjectId> crossing = List.copyOf(DetokenizationPolicy.crossBorderSubjects(cmd));
            if (!crossing.isEmpty()) {
                apply(new CrossBorderTransferRecorded(cmd.accessId(), cmd.caller(), crossing, "CN",
                        cmd.grant().region(), decision.basis().get(), cmd.legalBasis(), cmd.at()));
            }
        } else {
            List<Token> unknown = cmd.tokens().stream()
                    .filter(t -> t.state() == TokenState.UNKNOWN || t.target().isEmpty()).map(TokenFacts::token).toList();
            apply(new DetokenizationRefused(cmd.accessId(), cmd.caller(), cmd.purpose(), decision.denial().get(),
                    cmd.legalBasis(), known, unknown, cmd.at()));
        }
        return decision;
    }

    @EventSourcingHandler
    void on(PersonalDataDetokenized event) {
        accessId = event.accessId();
    }

    @EventSourcingHandler
    void on(DetokenizationRefused event) {
        accessId = event.accessId();
    }
}
