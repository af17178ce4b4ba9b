package dev.pdvault.api.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;

/** {@code process.cpu.time} in seconds, where Micrometer's own counts nanoseconds (see {@link MeterConventions}). */
@Component
public class ProcessCpuTime implements MeterBinder {

    private static final double NANOS_PER_SECOND = 1e9;

    @Override
    public void bindTo(MeterRegistry registry) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu.time", os, o -> o.getProcessCpuTime() / NANOS_PER_SECOND)
                    .baseUnit("seconds").description("CPU time used by the vault's process").register(registry);
        }
    }
}
