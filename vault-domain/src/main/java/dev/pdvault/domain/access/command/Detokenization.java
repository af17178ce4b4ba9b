package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.AccessId;
import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.DetokenizationRefused;
import dev.pdvault.domain.access.api.PersonalDataDetokenized;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
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
 * One detokenization request: decided once by {@link DetokenizationPolicy} and recorded, allowed or denied.
 * Each request is its own small aggregate, so recording accesses never contends on a subject's stream and
 * many of them commit in one transaction.
 */
public class Detokenization {

    @AggregateIdentifier
    private AccessId accessId;

    protected Detokenization() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public Decision handle(RecordDetokenization cmd) {
        Decision decision = DetokenizationPolicy.decide(cmd);
        List<AccessedToken> known = cmd.tokens().stream().filter(t -> t.state() != TokenState.UNKNOWN)
                .map(TokenFacts::target).flatMap(Optional::stream).toList();
        if (decision.allowed()) {
            apply(new PersonalDataDetokenized(cmd.accessId(), cmd.caller(), cmd.purpose(), known, cmd.at()));
        } else {
            List<Token> unknown = cmd.tokens().stream()
                    .filter(t -> t.state() == TokenState.UNKNOWN || t.target().isEmpty()).map(TokenFacts::token).toList();
            apply(new DetokenizationRefused(cmd.accessId(), cmd.caller(), cmd.purpose(), decision.denial().get(),
                    known, unknown, cmd.at()));
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
