package org.kycsuite.localcloud.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.kycsuite.localcloud.target.DeliveryException;
import org.kycsuite.localcloud.target.TargetInput;
import org.kycsuite.localcloud.target.TargetInvoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the stored deliveries: each due row goes to its target on a worker; success deletes it,
 * failure reschedules it with exponential backoff until the target's RetryPolicy is spent, and then
 * the event goes to the target's dead-letter queue with the error in message attributes, as
 * EventBridge sends it.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int DEFAULT_MAX_RETRIES = 185;
    private static final long DEFAULT_MAX_AGE_SECONDS = 86_400;
    private static final long MAX_BACKOFF_MILLIS = 300_000;
    private static final int WORKERS = 8;
    private static final int BATCH = 256;
    private static final long IDLE_POLL_MILLIS = 500;

    private final DeliveryStore store;
    private final TargetInvoker invoker;
    private final ObjectMapper mapper;
    private final long backoffBaseMillis;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final Thread poller;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private volatile boolean running = true;
    private volatile boolean woken;

    /**
     * @param backoffBaseMillis the first retry's delay; each further retry doubles it (capped at five minutes)
     */
    public Dispatcher(DeliveryStore store, TargetInvoker invoker, ObjectMapper mapper, long backoffBaseMillis) {
        this.store = store;
        this.invoker = invoker;
        this.mapper = mapper;
        this.backoffBaseMillis = backoffBaseMillis;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "bus-delivery-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.poller = new Thread(this::poll, "bus-dispatcher");
        poller.setDaemon(true);
    }

    public void start() {
        poller.start();
    }

    /** Tells the dispatcher new deliveries are stored, so it does not wait for its next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    private void poll() {
        while (running) {
            try {
                List<Delivery> due = inFlight.size() >= BATCH ? List.of()
                        : store.due(System.currentTimeMillis(), BATCH, inFlight);
                for (Delivery delivery : due) {
                    inFlight.add(delivery.id());
                    workers.execute(() -> attempt(delivery));
                }
                if (due.isEmpty()) {
                    awaitWork();
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.error("Reading due deliveries failed; retrying", e);
                    awaitWork();
                }
            }
        }
    }

    private void awaitWork() {
        lock.lock();
        try {
            if (!woken && running) {
                work.await(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void attempt(Delivery delivery) {
        try {
            JsonNode target = mapper.readTree(delivery.target());
            ObjectNode event = (ObjectNode) mapper.readTree(delivery.event());
            try {
                String input = TargetInput.render(target, event, delivery.ruleArn(),
                        Instant.ofEpochMilli(delivery.ingestedAtMillis()));
                invoker.invoke(target, input);
                store.delete(delivery.id());
            } catch (DeliveryException e) {
                failed(delivery, target, e);
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.error("Delivery {} failed unexpectedly; it stays stored and is retried", delivery.id(), e);
                store.retryLater(delivery.id(), delivery.attempts() + 1,
                        System.currentTimeMillis() + backoff(delivery.attempts() + 1), String.valueOf(e));
            }
        } finally {
            inFlight.remove(delivery.id());
        }
    }

    private void failed(Delivery delivery, JsonNode target, DeliveryException error) {
        if (!running) {
            return;
        }
        int attempts = delivery.attempts() + 1;
        JsonNode policy = target.path("RetryPolicy");
        int maxRetries = policy.path("MaximumRetryAttempts").asInt(DEFAULT_MAX_RETRIES);
        long maxAgeMillis = policy.path("MaximumEventAgeInSeconds").asLong(DEFAULT_MAX_AGE_SECONDS) * 1000;
        long nextAt = System.currentTimeMillis() + backoff(attempts);
        String exhausted = null;
        if (!error.retryable()) {
            exhausted = "NotRetryable";
        } else if (attempts > maxRetries) {
            exhausted = "MaximumRetryAttemptsExhausted";
        } else if (nextAt - delivery.ingestedAtMillis() > maxAgeMillis) {
            exhausted = "MaximumEventAgeExhausted";
        }
        if (exhausted == null) {
            LOG.debug("Delivery {} to {} failed (attempt {}): {}", delivery.id(), target.path("Arn").asText(),
                    attempts, error.getMessage());
            store.retryLater(delivery.id(), attempts, nextAt, error.errorCode() + ": " + error.getMessage());
            return;
        }
        deadLetter(delivery, target, error, exhausted, attempts - 1);
        store.delete(delivery.id());
    }

    private void deadLetter(Delivery delivery, JsonNode target, DeliveryException error, String exhausted,
                            int retries) {
        String dlq = target.path("DeadLetterConfig").path("Arn").asText("");
        String targetArn = target.path("Arn").asText();
        if (dlq.isEmpty()) {
            LOG.warn("Dropping an event for {} after {} retries ({}): {} {}", targetArn, retries, exhausted,
                    error.errorCode(), error.getMessage());
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("RULE_ARN", delivery.ruleArn());
        attributes.put("TARGET_ARN", targetArn);
        attributes.put("ERROR_CODE", error.errorCode());
        attributes.put("ERROR_MESSAGE", error.getMessage());
        attributes.put("EXHAUSTED_RETRY_CONDITION", exhausted);
        attributes.put("RETRY_ATTEMPTS", Integer.toString(retries));
        try {
            invoker.sendToQueue(dlq, delivery.event(), attributes);
            LOG.info("Event for {} sent to dead-letter queue {} ({}: {})", targetArn, dlq, exhausted,
                    error.errorCode());
        } catch (DeliveryException e) {
            // EventBridge drops an event whose dead-letter queue refuses it; so do we, loudly.
            LOG.error("Dropping an event for {}: its dead-letter queue {} failed too: {}", targetArn, dlq,
                    e.getMessage());
        }
    }

    private long backoff(int attempts) {
        long delay = backoffBaseMillis << Math.min(attempts - 1, 20);
        return Math.min(delay, MAX_BACKOFF_MILLIS);
    }

    @Override
    public void close() {
        running = false;
        wake();
        workers.shutdownNow();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(5));
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
