package dev.pdvault.domain.security.command;

import dev.pdvault.domain.security.api.AccessDenialsCounted;
import dev.pdvault.domain.security.api.AccessDenied;
import dev.pdvault.domain.security.api.DetokenizationVolumeAnomalous;
import dev.pdvault.domain.security.api.RecordAccessDenial;
import dev.pdvault.domain.security.api.RecordAccessDenials;
import dev.pdvault.domain.security.api.RecordVolumeAnomaly;
import dev.pdvault.domain.security.api.SignalId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One security signal, recorded once: a denied request, a count of denied requests, or an anomalous volume. Each
 * is its own small aggregate, like a detokenization, so recording them never contends on a shared stream.
 */
public class SecuritySignal {

    @AggregateIdentifier
    private SignalId signalId;

    protected SecuritySignal() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(RecordAccessDenial cmd) {
        apply(new AccessDenied(cmd.signalId(), cmd.caller(), cmd.source(), cmd.route(), cmd.cause(), cmd.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(RecordAccessDenials cmd) {
        apply(new AccessDenialsCounted(cmd.signalId(), cmd.caller(), cmd.source(), cmd.route(), cmd.cause(), cmd.from(), cmd.to(),
                cmd.count()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(RecordVolumeAnomaly cmd) {
        apply(new DetokenizationVolumeAnomalous(cmd.signalId(), cmd.caller(), cmd.minute(), cmd.tokens(),
                cmd.baseline(), cmd.threshold(), cmd.at()));
    }

    @EventSourcingHandler
    void on(AccessDenied event) {
        signalId = event.signalId();
    }

    @EventSourcingHandler
    void on(AccessDenialsCounted event) {
        signalId = event.signalId();
    }

    @EventSourcingHandler
    void on(DetokenizationVolumeAnomalous event) {
        signalId = event.signalId();
    }
}
