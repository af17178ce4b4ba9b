package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.AccessId;
import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.CrossBorderTransferRecorded;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.PersonalDataShared;
import dev.pdvault.domain.access.api.RecordShare;
import dev.pdvault.domain.access.api.ShareRefused;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.RecipientDefinition;
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
 * One disclosure to a recipient, decided by {@link SharePolicy} and recorded, allowed or refused; a share that
 * carries mainland-China data to a recipient abroad records the transfer with its basis.
 */
public class Share {

    @AggregateIdentifier
    private AccessId shareId;

    protected Share() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public Decision handle(RecordShare cmd, Catalogue catalogue) {
        Decision decision = SharePolicy.decide(cmd, catalogue);
        List<AccessedToken> known = cmd.tokens().stream().filter(t -> t.state() != TokenState.UNKNOWN)
                .map(TokenFacts::target).flatMap(Optional::stream).toList();
        if (decision.allowed()) {
            apply(new PersonalDataShared(cmd.shareId(), cmd.caller(), cmd.recipient(), cmd.purpose(),
                    decision.basis().get(), cmd.legalBasis(), known, cmd.at()));
            RecipientDefinition recipient = catalogue.recipients().get(cmd.recipient());
            List<SubjectId> crossing = List.copyOf(DetokenizationPolicy.crossBorderSubjects(
                    SharePolicy.asAccess(cmd, recipient)));
            if (!crossing.isEmpty()) {
                apply(new CrossBorderTransferRecorded(cmd.shareId(), cmd.caller(), crossing, "CN", recipient.region(),
                        decision.basis().get(), cmd.legalBasis(), cmd.at()));
            }
        } else {
            List<Token> unknown = cmd.tokens().stream()
                    .filter(t -> t.state() == TokenState.UNKNOWN || t.target().isEmpty()).map(TokenFacts::token).toList();
            apply(new ShareRefused(cmd.shareId(), cmd.caller(), cmd.recipient(), cmd.purpose(),
                    decision.denial().get(), cmd.legalBasis(), known, unknown, cmd.at()));
        }
        return decision;
    }

    @EventSourcingHandler
    void on(PersonalDataShared event) {
        shareId = event.shareId();
    }

    @EventSourcingHandler
    void on(ShareRefused event) {
        shareId = event.shareId();
    }
}
