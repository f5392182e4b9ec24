package org.kycsuite.localcloud.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kycsuite.localcloud.edge.Json;
import org.kycsuite.localcloud.sfn.asl.ExecutionHooks;
import org.kycsuite.localcloud.sfn.asl.ExecutionHooks.RetryState;
import org.kycsuite.localcloud.sfn.asl.StatesError;
import org.kycsuite.localcloud.sfn.store.ExecutionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one execution and makes it durable: the cursor (next state and its input) moves with that
 * state's history events in one write; a task waiting for its token or a Wait state records its token
 * or deadline first, so a restart resumes without running a completed state again (a Task interrupted
 * mid-call runs again: at-least-once, as on AWS). While a top-level token wait, Wait state or retry
 * backoff is pending the execution holds no thread ({@link Parked}): it is resumed from that same
 * cursor (with its retry counters) when the token is decided or the deadline comes, exactly as after a
 * restart.
 */
final class ExecutionRunner implements Runnable, ExecutionHooks {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRunner.class);
    /** A top-level Wait shorter than this sleeps on its thread; a longer one gives the thread back. */
    private static final long PARK_AFTER_MILLIS = 20;

    private final Executions engine;
    private final ExecutionRecord record;
    private final ObjectNode doc;
    private final JsonNode definition;
    private final List<ObjectNode> pending = new ArrayList<>();
    private final TaskCalls taskCalls;
    private long lastEventId;
    private final CompletableFuture<Void> stopSignal = new CompletableFuture<>();
    private volatile Thread main;
    private volatile boolean closed;
    private String resumeState;
    private String resumeToken;
    private String resumePhase;
    private Long resumeWaitUntil;
    private boolean resumeEntered;
    private RetryState resumeRetry;
    private final AtomicBoolean parked = new AtomicBoolean();
    private final Set<String> waitingOn = ConcurrentHashMap.newKeySet();
    private volatile String parkedToken;
    private volatile ScheduledFuture<?> recheck;

    ExecutionRunner(Executions engine, ExecutionRecord record, long lastEventId, boolean resumed) {
        this.engine = engine;
        this.record = record;
        this.doc = record.doc();
        this.lastEventId = lastEventId;
        this.definition = engine.definition(doc.path("definition").asText());
        this.taskCalls = new TaskCalls(engine, this);
        if (resumed) {
            readCursor();
        }
    }

    /** Takes the resume markers (state, token and phase, Wait deadline) from the written cursor. */
    private synchronized void readCursor() {
        JsonNode cursor = doc.path("cursor");
        resumeState = cursor.path("state").asText();
        resumeToken = cursor.path("token").asText(null);
        resumePhase = cursor.path("phase").asText(null);
        resumeWaitUntil = cursor.hasNonNull("waitUntil") ? cursor.get("waitUntil").asLong() : null;
        resumeEntered = cursor.path("entered").asBoolean(false);
        JsonNode retry = cursor.path("retry");
        if (retry.isObject()) {
            int[] attempts = new int[retry.path("attempts").size()];
            for (int i = 0; i < attempts.length; i++) {
                attempts[i] = retry.path("attempts").get(i).asInt();
            }
            resumeRetry = new RetryState(attempts, retry.path("count").asInt(), retry.path("until").asLong());
        } else {
            resumeRetry = null;
        }
    }

    String arn() {
        return record.arn();
    }

    ExecutionRecord record() {
        return record;
    }

    boolean onMainThread() {
        return Thread.currentThread() == main;
    }

    @Override
    public void run() {
        main = Thread.currentThread();
        boolean waiting = false;
        try {
            JsonNode cursor = doc.path("cursor");
            boolean entered;
            synchronized (this) {
                entered = resumeEntered;
            }
            engine.interpreter().run(definition, cursor.path("state").asText(), cursor.path("input"), baseContext(),
                    this, this::checkpoint, entered);
        } catch (Parked e) {
            waiting = true;
            park(e);
        } catch (StatesError e) {
            ObjectNode details = engine.mapper().createObjectNode().put("error", e.error()).put("cause", e.cause());
            finish("FAILED", "ExecutionFailed", "executionFailedEventDetails", details, null);
        } catch (InterruptedException e) {
            LOG.debug("Execution {} interrupted ({})", record.arn(), closed ? "closed" : "shutdown");
        } catch (RuntimeException e) {
            if (engine.closing()) {
                LOG.debug("Execution {} stopped by shutdown: {}", record.arn(), e.toString());
            } else {
                LOG.warn("Execution {} failed inside the engine", record.arn(), e);
                ObjectNode details = engine.mapper().createObjectNode().put("error", StatesError.RUNTIME)
                        .put("cause", String.valueOf(e.getMessage()));
                finish("FAILED", "ExecutionFailed", "executionFailedEventDetails", details, null);
            }
        } finally {
            if (!waiting) {
                engine.detach(this);
            }
        }
    }

    /**
     * Gives the thread back until the token is decided or {@code recheckAt}; whichever comes first
     * resumes the execution (a later one finds it running or parked again and only looks again).
     */
    private void park(Parked parkedAt) {
        parkedToken = parkedAt.token();
        parked.set(true);
        if (closed) {
            wake();
            return;
        }
        if (parkedAt.recheckAt() != Long.MAX_VALUE) {
            recheck = engine.schedule(this::wake, parkedAt.recheckAt() - System.currentTimeMillis());
        }
        if (parkedAt.token() != null) {
            engine.tokens().onDecided(parkedAt.token(), this::wake);
        }
    }

    /** Resumes a parked execution from its cursor on the engine's threads; a no-op unless parked. */
    private void wake() {
        if (!parked.compareAndSet(true, false)) {
            return;
        }
        ScheduledFuture<?> timer = recheck;
        if (timer != null) {
            timer.cancel(false);
            recheck = null;
        }
        if (closed || engine.closing()) {
            unpark();
            return;
        }
        readCursor();
        engine.resume(this);
    }

    /** A parked execution that was closed: nothing will run it again. */
    private void unpark() {
        String token = parkedToken;
        if (token != null) {
            engine.tokens().forget(token);
        }
        engine.detach(this);
    }

    private ObjectNode baseContext() {
        ObjectNode context = engine.mapper().createObjectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", record.arn()).put("Name", record.name());
        execution.set("Input", engine.parse(doc.path("input").asText()));
        execution.put("StartTime", Instant.ofEpochMilli(record.startMillis()).toString());
        execution.put("RoleArn", doc.path("roleArn").asText());
        context.putObject("StateMachine").put("Id", record.stateMachineArn())
                .put("Name", doc.path("stateMachineName").asText());
        return context;
    }

    private void checkpoint(String completed, String next, JsonNode output) {
        if (next == null) {
            ObjectNode details = engine.mapper().createObjectNode().put("output", output.toString());
            details.putObject("outputDetails").put("truncated", false);
            finish("SUCCEEDED", "ExecutionSucceeded", "executionSucceededEventDetails", details, output);
            return;
        }
        synchronized (this) {
            ObjectNode cursor = doc.putObject("cursor");
            cursor.put("state", next);
            cursor.set("input", output);
            if (durableAround(completed) || durableAround(next)) {
                write("RUNNING", null);
            }
        }
    }

    /**
     * Whether a transition next to {@code state} must be written before going on: around states with
     * effects or waits (Task, Parallel, Map, Wait). Runs of Pass and Choice states between them stay in
     * memory until the next write; after a crash they are evaluated again from the last written cursor,
     * which repeats no effect.
     */
    private boolean durableAround(String state) {
        String type = definition.path("States").path(state).path("Type").asText();
        return !"Pass".equals(type) && !"Choice".equals(type);
    }

    /** Writes the pending events (and the current cursor); false when the execution was closed meanwhile. */
    synchronized boolean flush() {
        if (doc.path("cursor").isObject()) {
            ((ObjectNode) doc.get("cursor")).put("entered", true);
        }
        return write("RUNNING", null);
    }

    /** Marks the current top-level task as waiting for {@code token} in {@code phase}, durably. */
    synchronized void recordToken(String token, String phase) {
        ObjectNode cursor = (ObjectNode) doc.get("cursor");
        cursor.put("token", token).put("phase", phase);
        flush();
    }

    private boolean write(String status, Long stopMillis) {
        if (closed) {
            return false;
        }
        boolean written = engine.store().update(record.arn(), status, stopMillis, doc, List.copyOf(pending));
        pending.clear();
        if (!written) {
            closed = true;
            interruptMain();
        }
        return written;
    }

    private synchronized void finish(String status, String type, String key, ObjectNode details, JsonNode output) {
        if (closed) {
            return;
        }
        event(type, key, details);
        doc.remove("cursor");
        doc.put("status", status);
        if (output != null) {
            doc.put("output", output.toString());
        }
        if (details.has("error")) {
            doc.put("error", details.path("error").asText()).put("cause", details.path("cause").asText());
        }
        write(status, System.currentTimeMillis());
        closed = true;
    }

    /** StopExecution or the state machine's TimeoutSeconds: closes the execution and interrupts it. */
    synchronized boolean close(String status, String type, String key, ObjectNode details) {
        if (closed) {
            return false;
        }
        finish(status, type, key, details, null);
        interruptMain();
        return true;
    }

    /**
     * Wakes the execution's sleeps and token waits; it stops at its next check (no thread interrupts: H2).
     * A parked execution is woken to find itself closed.
     */
    void interruptMain() {
        stopSignal.complete(null);
        waitingOn.forEach(engine.tokens()::wake);
        wake();
    }

    /** A Parallel branch or Map iteration waits on {@code token} on its thread ({@code false}: no longer). */
    void waitingOn(String token, boolean waiting) {
        if (waiting) {
            waitingOn.add(token);
        } else {
            waitingOn.remove(token);
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void event(String type, String detailsKey, ObjectNode details) {
        long id = ++lastEventId;
        ObjectNode event = engine.mapper().createObjectNode();
        event.set("timestamp", engine.mapper().getNodeFactory().numberNode(Json.epochSeconds(Instant.now())));
        event.put("type", type).put("id", id).put("previousEventId", id - 1);
        if (detailsKey != null && details != null) {
            event.set(detailsKey, details);
        }
        pending.add(event);
    }

    @Override
    public synchronized String taskToken(String stateName) {
        if (onMainThread() && resumeToken != null && stateName.equals(resumeState)) {
            return resumeToken;
        }
        return engine.tokens().newToken();
    }

    /** Whether this top-level task resumes a wait already published before a restart (consumes the marker). */
    synchronized boolean resumesWait(String token) {
        boolean resumes = onMainThread() && token != null && token.equals(resumeToken) && "WAITING".equals(resumePhase);
        if (onMainThread()) {
            resumeToken = null;
            resumePhase = null;
        }
        return resumes;
    }

    @Override
    public JsonNode runTask(TaskCall call) throws StatesError, InterruptedException {
        return taskCalls.run(call);
    }

    @Override
    public void waitUntil(String stateName, Instant until) throws InterruptedException {
        Instant deadline = until;
        synchronized (this) {
            if (onMainThread() && resumeWaitUntil != null && stateName.equals(resumeState)) {
                deadline = Instant.ofEpochMilli(resumeWaitUntil);
                resumeWaitUntil = null;
            } else if (onMainThread()) {
                ((ObjectNode) doc.get("cursor")).put("waitUntil", until.toEpochMilli());
            }
            flush();
        }
        long remaining = deadline.toEpochMilli() - System.currentTimeMillis();
        if (onMainThread() && remaining > PARK_AFTER_MILLIS) {
            checkActive();
            throw new Parked(null, deadline.toEpochMilli());
        }
        sleep(remaining);
    }

    @Override
    public void retryWait(String stateName, RetryState state, long delayMillis) throws InterruptedException {
        if (onMainThread() && delayMillis > PARK_AFTER_MILLIS) {
            synchronized (this) {
                ObjectNode cursor = (ObjectNode) doc.get("cursor");
                // the next attempt starts afresh: a new token, not the failed attempt's
                cursor.remove(List.of("token", "phase", "waitUntil"));
                ObjectNode retry = cursor.putObject("retry").put("count", state.count()).put("until", state.until());
                ArrayNode attempts = retry.putArray("attempts");
                for (int attempt : state.attempts()) {
                    attempts.add(attempt);
                }
                flush();
            }
            checkActive();
            throw new Parked(null, state.until());
        }
        sleep(delayMillis);
    }

    @Override
    public synchronized RetryState resumedRetry(String stateName) {
        if (!onMainThread() || resumeRetry == null || !stateName.equals(resumeState)) {
            return null;
        }
        RetryState state = resumeRetry;
        resumeRetry = null;
        return state;
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
        if (millis > 0) {
            try {
                stopSignal.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // slept the whole time
            }
        }
        checkActive();
    }

    @Override
    public void checkActive() throws InterruptedException {
        if (closed || engine.closing() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("Execution " + record.arn() + " is no longer active");
        }
    }

    @Override
    public ExecutorService executor() {
        return engine.executor();
    }
}
