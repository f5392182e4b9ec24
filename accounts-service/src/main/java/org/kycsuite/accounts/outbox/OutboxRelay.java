package org.kycsuite.accounts.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes the outbox with PutEvents on one background thread. It is woken when a transaction that
 * wrote to the outbox commits and otherwise polls, so rows written while it was stopped or the bus
 * was down are sent too. A failed call (bus unreachable) pauses the whole relay with exponential
 * backoff; a refused entry is retried on its own backoff while the rest of the batch is marked sent,
 * and parked after max-attempts refusals. Each batch is sent inside the transaction that locks its rows
 * ({@code FOR UPDATE SKIP LOCKED}), so two instances never send the same entry or break an
 * application's order.
 * Delivery is at least once: a crash between PutEvents and marking the row sends it again, which
 * consumers absorb by being idempotent.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long METRICS_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int NOTHING_DUE = -1;

    private final EventBridgeClient eventBridge;
    private final OutboxStore store;
    private final OutboxMetrics metrics;
    private final EventBusConfig config;
    private final Clock clock;
    private final Duration pollInterval;
    private final Backoff backoff;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private int consecutiveBusFailures;
    private long lastMetricsRefresh = System.nanoTime() - METRICS_REFRESH_NANOS;

    public OutboxRelay(EventBridgeClient eventBridge, OutboxStore store, OutboxMetrics metrics, EventBusConfig config,
                       Clock clock) {
        this.eventBridge = eventBridge;
        this.store = store;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.pollInterval = config.relay().pollInterval();
        this.backoff = new Backoff(config.relay().backoffInitial(), config.relay().backoffMax());
    }

    void start(@Observes StartupEvent event) {
        if (!config.relay().enabled()) {
            LOG.info("Outbox relay disabled on this instance");
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** Something was written to the outbox: publish it now rather than at the next poll. */
    public void wake() {
        wakeUps.release();
    }

    private void run() {
        while (running) {
            Duration pause = pollInterval;
            try {
                pause = drain();
                refreshMetrics();
            } catch (RuntimeException e) {
                LOG.errorf("Outbox relay pass failed: %s", e.toString());
            }
            try {
                await(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The backlog gauges, read at most once per second (a count query per wake-up would cost more than the send). */
    private void refreshMetrics() {
        long now = System.nanoTime();
        if (now - lastMetricsRefresh >= METRICS_REFRESH_NANOS) {
            lastMetricsRefresh = now;
            OutboxStore.Backlog backlog = store.backlog();
            metrics.refresh(backlog.pending(), backlog.oldest(), backlog.parked());
        }
    }

    /** Waits out {@code pause}; a wake-up ends it early unless the bus is down (then backoff rules). */
    private void await(Duration pause) throws InterruptedException {
        long deadline = System.nanoTime() + pause.toNanos();
        long remaining = pause.toNanos();
        while (remaining > 0) {
            boolean woken = wakeUps.tryAcquire(remaining, TimeUnit.NANOSECONDS);
            wakeUps.drainPermits();
            if (woken && consecutiveBusFailures == 0) {
                return;
            }
            remaining = deadline - System.nanoTime();
        }
    }

    /** Sends batches until nothing is due; returns how long to wait before the next pass. */
    private Duration drain() {
        while (running) {
            int accepted;
            try {
                // the batch's rows stay locked until they are marked: a second relay instance skips them
                // due() gives one entry per application, so one PutEvents' worth of rows is all there is to read
                accepted = store.withNextBatch(OutboxBatches.MAX_BATCH, clock.instant(), batch -> batch.isEmpty()
                        ? NOTHING_DUE
                        : record(batch, eventBridge.putEvents(b -> b.entries(batch.stream().map(this::entry)
                                .toList())).entries()));
            } catch (SdkException e) {
                return busUnreachable(e);
            }
            if (accepted == NOTHING_DUE) {
                return pollInterval;
            }
            busReachable();
            if (accepted == 0) {
                return pollInterval;
            }
        }
        return Duration.ZERO;
    }

    private PutEventsRequestEntry entry(PendingEvent event) {
        return PutEventsRequestEntry.builder().eventBusName(config.busName()).source(event.source())
                .detailType(event.detailType()).detail(event.detail()).time(event.createdAt()).build();
    }

    /** Marks each entry by its own result; returns how many the bus accepted. */
    private int record(List<PendingEvent> batch, List<PutEventsResultEntry> results) {
        List<OutboxStore.Sent> sent = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            PendingEvent event = batch.get(i);
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result != null && result.errorCode() == null && result.eventId() != null) {
                sent.add(new OutboxStore.Sent(event.id(), result.eventId()));
                LOG.debugf("Published \"%s\" for application %s as event %s", event.detailType(),
                        event.applicationId(), result.eventId());
            } else {
                String error = result == null ? "no result entry" : result.errorCode() + ": " + result.errorMessage();
                int attempt = event.attempts() + 1;
                Duration wait = backoff.after(attempt);
                boolean park = attempt >= config.relay().maxAttempts();
                store.markFailed(event.id(), error, clock.instant().plus(wait), park ? clock.instant() : null);
                metrics.entryFailed();
                if (park) {
                    LOG.errorf("Bus refused \"%s\" for application %s %d times; parked for staff to retry "
                            + "(GET /outbox/parked): %s", event.detailType(), event.applicationId(), attempt, error);
                } else {
                    LOG.warnf("Bus refused \"%s\" for application %s (attempt %d, retry in %s): %s",
                            event.detailType(), event.applicationId(), attempt, wait, error);
                }
            }
        }
        if (!sent.isEmpty()) {
            store.markSent(sent, clock.instant());
        }
        metrics.published(sent.size());
        return sent.size();
    }

    private Duration busUnreachable(SdkException e) {
        consecutiveBusFailures++;
        metrics.busUnreachable();
        Duration wait = backoff.after(consecutiveBusFailures);
        if (consecutiveBusFailures == 1) {
            LOG.warnf("Event bus unreachable, outbox events wait (retrying with backoff): %s", e.getMessage());
        } else {
            LOG.debugf("Event bus still unreachable (attempt %d, next in %s)", consecutiveBusFailures, wait);
        }
        return wait;
    }

    private void busReachable() {
        if (consecutiveBusFailures > 0) {
            LOG.infof("Event bus reachable again after %d failed attempts", consecutiveBusFailures);
            consecutiveBusFailures = 0;
        }
    }
}
