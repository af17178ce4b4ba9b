package dev.pdvault.api.config;

import dev.pdvault.api.VaultIntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The running vault's projections run in the processor {@link ProjectionsProcessor} builds, in the commit. */
class ProjectionsProcessorIT extends VaultIntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void theProjectionsRunInOneSubscribingProcessorOfSteadyGroups() {
        SubscribingEventProcessor processor = processing
                .eventProcessor(AxonConfiguration.PROJECTIONS, SubscribingEventProcessor.class).orElseThrow();
        EventHandlerInvoker invoker = processor.eventHandlerInvoker();
        assertThat(invoker).isInstanceOf(MultiEventHandlerInvoker.class);
        assertThat(((MultiEventHandlerInvoker) invoker).delegates()).hasSize(8)
                .allMatch(ProjectionsProcessor.Steady.class::isInstance);

        String subject = register("CN");
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("postal_code", "200000"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_ref WHERE token = ?", Long.class,
                tokens.get("postal_code"))).as("written in the collection's commit").isEqualTo(1L);
    }
}
