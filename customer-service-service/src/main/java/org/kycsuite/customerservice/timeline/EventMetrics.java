package org.kycsuite.customerservice.timeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** Prometheus metrics of the event intake: consumed by type, unknown, duplicates, malformed, and lag. */
@ApplicationScoped
public class EventMetrics {

    private final MeterRegistry registry;
    private final Timer lag;

    EventMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lag = Timer.builder("kyc.cs.events.lag")
                .description("Time from an event's EventBridge time to its storage here")
                .publishPercentileHistogram()
                .register(registry);
    }

    void consumed(String detailType, Instant eventTime, Instant storedAt) {
        Counter.builder("kyc.cs.events.consumed").description("Events stored on a timeline, by detail type")
                .tag("detailType", detailType).register(registry).increment();
        Duration delay = Duration.between(eventTime, storedAt);
        lag.record(delay.isNegative() ? Duration.ZERO : delay);
    }

    void unknown(String detailType) {
        Counter.builder("kyc.cs.events.unknown")
                .description("Events of a detail type, source or schema version this service does not know")
                .tag("detailType", detailType).register(registry).increment();
    }

    void duplicate() {
        Counter.builder("kyc.cs.events.duplicates").description("Redelivered events skipped by event id")
                .register(registry).increment();
    }

    void malformed() {
        Counter.builder("kyc.cs.events.malformed").description("Messages rejected as malformed (nacked)")
                .register(registry).increment();
    }
}
