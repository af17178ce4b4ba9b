package dev.pdvault.domain.disclosure.command;

import dev.pdvault.domain.disclosure.api.DisclosureId;
import dev.pdvault.domain.disclosure.api.DisclosureVerdict;
import dev.pdvault.domain.disclosure.api.PersonalDataTransferred;
import dev.pdvault.domain.disclosure.api.RecordTransfer;
import dev.pdvault.domain.disclosure.api.TransferRefused;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One transfer of subjects' personal data to another organisation, decided once by {@link TransferPolicy} and
 * recorded, allowed or refused, for all its subjects at once.
 */
public class Transfer {

    @AggregateIdentifier
    private DisclosureId transferId;

    protected Transfer() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public DisclosureVerdict handle(RecordTransfer cmd) {
        DisclosureVerdict verdict = TransferPolicy.decide(cmd);
        List<SubjectId> known = cmd.subjects().stream().filter(cmd.standings()::containsKey).toList();
        if (verdict.allowed()) {
            apply(new PersonalDataTransferred(cmd.transferId(), cmd.caller(), cmd.organisation(), cmd.basis(),
                    cmd.legalBasis(), cmd.reference(), cmd.successorBoundByPolicy(), known, cmd.at()));
        } else {
            List<SubjectId> unknown = cmd.subjects().stream().filter(s -> !cmd.standings().containsKey(s)).toList();
            List<SubjectId> refused = verdict.refusedSubjects().stream().filter(cmd.standings()::containsKey).toList();
            apply(new TransferRefused(cmd.transferId(), cmd.caller(), cmd.organisation(), cmd.basis(),
                    cmd.legalBasis(), cmd.reference(), cmd.successorBoundByPolicy(), verdict.denial().get(), known,
                    refused, unknown, cmd.at()));
        }
        return verdict;
    }

    @EventSourcingHandler
    void on(PersonalDataTransferred event) {
        transferId = event.transferId();
    }

    @EventSourcingHandler
    void on(TransferRefused event) {
        transferId = event.transferId();
    }
}
