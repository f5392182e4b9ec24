package org.kycsuite.localcloud.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kycsuite.localcloud.target.DeliveryException;
import org.kycsuite.localcloud.target.TargetInput;
import org.kycsuite.localcloud.target.TargetInvoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what the bus accepted. PutEvents hands its committed deliveries straight to
 * {@link #submit}; nothing polls the store, which is read back only at start (what a crash left
 * owed). Workers take what queued up in portions and send a portion's events for one queue in
 * SendMessageBatch calls of up to ten; several workers keep calls to one queue in flight together,
 * so the queue server can commit them together. Like EventBridge, the bus does not promise order.
 * Success deletes the rows (one shared commit); failure reschedules the delivery with
 * exponential backoff until the target's RetryPolicy is spent, and then the event goes to the
 * target's dead-letter queue with the error in message attributes, as EventBridge sends it. A
 * delivery is attempted again only after an attempt failed, so a healthy run delivers each event once.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int DEFAULT_MAX_RETRIES = 185;
    private static final long DEFAULT_MAX_AGE_SECONDS = 86_400;
    private static final long MAX_BACKOFF_MILLIS = 300_000;
    private static final int WORKERS = 8;
    private static final int PORTION = 50;
    private static final int MAX_CACHED_TARGETS = 1024;
    private static final long IDLE_CHECK_MILLIS = 200;

    private final DeliveryStore store;
    private final TargetInvoker invoker;
    private final ObjectMapper mapper;
    private final long backoffBaseMillis;
    private final LinkedBlockingQueue<Delivery> due = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService retries;
    private final Map<String, JsonNode> targets = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /**
     * @param backoffBaseMillis the first retry's delay; each further retry doubles it (capped at five minutes)
     */
    public Dispatcher(DeliveryStore store, TargetInvoker invoker, ObjectMapper mapper, long backoffBaseMillis) {
        this.store = store;
        this.invoker = invoker;
        this.mapper = mapper;
        this.backoffBaseMillis = backoffBaseMillis;
        for (int i = 0; i < WORKERS; i++) {
            Thread thread = new Thread(this::work, "bus-delivery-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
        }
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bus-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the workers and queues what the store still owes from before a restart. */
    public void start() {
        threads.forEach(Thread::start);
        long[] recovered = {0};
        store.forEachStored(page -> {
            recovered[0] += page.size();
            submit(page);
        });
        if (recovered[0] > 0) {
            LOG.info("Resuming {} deliveries accepted before the restart", recovered[0]);
        }
    }

    /** Queues committed deliveries: due ones now, retries at their time. */
    public void submit(Collection<Delivery> deliveries) {
        long now = System.currentTimeMillis();
        for (Delivery delivery : deliveries) {
            if (delivery.nextAtMillis() <= now) {
                due.add(delivery);
            } else {
                schedule(delivery, delivery.nextAtMillis() - now);
            }
        }
    }

    private void schedule(Delivery delivery, long delayMillis) {
        if (!running) {
            return;
        }
        try {
            retries.schedule(() -> due.add(delivery), delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Shutting down: delivery {} stays stored", delivery.id());
        }
    }

    private void work() {
        List<Delivery> batch = new ArrayList<>();
        while (running) {
            try {
                Delivery first = due.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                due.drainTo(batch, PORTION - 1);
                deliver(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    // The store refused a write (or a target answered in a way we cannot read): the
                    // rows stay, and the portion is tried again after a backoff rather than waiting
                    // for a restart. What did arrive may arrive twice (at-least-once).
                    LOG.error("Delivering {} events failed unexpectedly; they are retried", batch.size(), e);
                    batch.forEach(delivery -> schedule(delivery, backoff(delivery.attempts() + 1)));
                }
            } finally {
                batch.clear();
            }
        }
    }

    /** Delivers one portion, grouped by target in arrival order, and deletes what arrived. */
    private void deliver(List<Delivery> batch) {
        Map<String, List<Delivery>> byTarget = new LinkedHashMap<>();
        for (Delivery delivery : batch) {
            byTarget.computeIfAbsent(delivery.target(), key -> new ArrayList<>()).add(delivery);
        }
        List<Long> done = new ArrayList<>(batch.size());
        for (List<Delivery> group : byTarget.values()) {
            JsonNode target;
            try {
                target = target(group.get(0).target());
            } catch (IOException e) {
                LOG.error("A stored target is not JSON; its {} deliveries are dropped", group.size(), e);
                group.forEach(delivery -> done.add(delivery.id()));
                continue;
            }
            deliverGroup(target, group, done);
        }
        store.deleteAll(done);
    }

    private void deliverGroup(JsonNode target, List<Delivery> group, List<Long> done) {
        List<String> inputs = new ArrayList<>(group.size());
        List<Delivery> rendered = new ArrayList<>(group.size());
        for (Delivery delivery : group) {
            try {
                inputs.add(render(target, delivery));
                rendered.add(delivery);
            } catch (IOException | RuntimeException e) {
                LOG.error("Delivery {} cannot be rendered; it is retried", delivery.id(), e);
                failed(delivery, target, new DeliveryException("InternalError", String.valueOf(e), true), done);
            }
        }
        List<DeliveryException> outcomes = invoker.invokeAll(target, inputs);
        for (int i = 0; i < rendered.size(); i++) {
            DeliveryException error = outcomes.get(i);
            if (error == null) {
                done.add(rendered.get(i).id());
            } else {
                failed(rendered.get(i), target, error, done);
            }
        }
    }

    private String render(JsonNode target, Delivery delivery) throws IOException {
        if (!target.hasNonNull("Input") && !target.hasNonNull("InputPath") && !target.hasNonNull("InputTransformer")) {
            return delivery.event();
        }
        ObjectNode event = (ObjectNode) mapper.readTree(delivery.event());
        return TargetInput.render(target, event, delivery.ruleArn(), Instant.ofEpochMilli(delivery.ingestedAtMillis()));
    }

    private JsonNode target(String json) throws IOException {
        JsonNode cached = targets.get(json);
        if (cached != null) {
            return cached;
        }
        JsonNode parsed = mapper.readTree(json);
        if (targets.size() >= MAX_CACHED_TARGETS) {
            targets.clear();
        }
        targets.put(json, parsed);
        return parsed;
    }

    private void failed(Delivery delivery, JsonNode target, DeliveryException error, List<Long> done) {
        if (!running) {
            return;
        }
        int attempts = delivery.attempts() + 1;
        JsonNode policy = target.path("RetryPolicy");
        int maxRetries = policy.path("MaximumRetryAttempts").asInt(DEFAULT_MAX_RETRIES);
        long maxAgeMillis = policy.path("MaximumEventAgeInSeconds").asLong(DEFAULT_MAX_AGE_SECONDS) * 1000;
        long delay = backoff(attempts);
        long nextAt = System.currentTimeMillis() + delay;
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
            schedule(delivery.retried(attempts, nextAt), delay);
            return;
        }
        deadLetter(delivery, target, error, exhausted, attempts - 1);
        done.add(delivery.id());
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
        retries.shutdownNow();
        // No interrupts: an interrupted H2 write closes the database file. The workers see the flag.
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
