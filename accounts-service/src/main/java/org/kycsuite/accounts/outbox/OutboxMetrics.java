package org.kycsuite.accounts.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Outbox health for Prometheus: how many events wait and how old the oldest is (the lag between a
 * committed change and its event on the bus). The relay refreshes the figures on every pass, so a
 * scrape never touches the database.
 */
@ApplicationScoped
public class OutboxMetrics {

    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicReference<Instant> oldestPending = new AtomicReference<>();
    private final Counter published;
    private final Counter failedEntries;
    private final Counter busUnreachable;

    public OutboxMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        Gauge.builder("accounts.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events not yet accepted by the bus").register(registry);
        Gauge.builder("accounts.outbox.lag.seconds", this, OutboxMetrics::lagSeconds)
                .description("Age of the oldest outbox event not yet accepted by the bus").register(registry);
        Gauge.builder("accounts.outbox.parked", parked, AtomicLong::get)
                .description("Outbox events the bus refused max-attempts times, waiting for staff to retry them")
                .register(registry);
        published = Counter.builder("accounts.outbox.published").description("Events accepted by the bus")
                .register(registry);
        failedEntries = Counter.builder("accounts.outbox.entry.failures")
                .description("PutEvents entries the bus refused (retried)").register(registry);
        busUnreachable = Counter.builder("accounts.outbox.bus.failures")
                .description("PutEvents calls that failed as a whole (bus unreachable)").register(registry);
    }

    void refresh(long pendingCount, Instant oldest, long parkedCount) {
        pending.set(pendingCount);
        oldestPending.set(oldest);
        parked.set(parkedCount);
    }

    void published(int count) {
        published.increment(count);
    }

    void entryFailed() {
        failedEntries.increment();
    }

    void busUnreachable() {
        busUnreachable.increment();
    }

    public long pending() {
        return pending.get();
    }

    double lagSeconds() {
        Instant oldest = oldestPending.get();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }
}
