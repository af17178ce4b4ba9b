package dev.pdvault.domain.publication.command;

import dev.pdvault.domain.publication.api.PolicyVersionAlreadyPublishedException;
import dev.pdvault.domain.publication.api.PolicyVersionPublished;
import dev.pdvault.domain.publication.api.PublishPolicyVersion;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The publication history of the privacy policy: each version once, numbered in order. */
public class PrivacyPolicy {

    @AggregateIdentifier
    private String policy;
    private int latest;
    private final Set<String> labels = new HashSet<>();

    protected PrivacyPolicy() {
    }

    /** @return the number of the published version */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(PublishPolicyVersion cmd) {
        if (labels.contains(cmd.label())) {
            throw new PolicyVersionAlreadyPublishedException(cmd.label());
        }
        int number = latest + 1;
        apply(new PolicyVersionPublished(cmd.policy(), number, cmd.label(), cmd.major(),
                cmd.major() ? cmd.affectedPurposes() : Set.of(), cmd.summary(), cmd.caller(), cmd.at()));
        return number;
    }

    @EventSourcingHandler
    void on(PolicyVersionPublished event) {
        policy = event.policy();
        latest = event.number();
        labels.add(event.label());
    }
}
