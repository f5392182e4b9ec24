package org.kycsuite.localcloud.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kycsuite.localcloud.Arns;
import org.kycsuite.localcloud.StateMachineStarter;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.sfn.asl.Interpreter;
import org.kycsuite.localcloud.sfn.integrations.EventsIntegration;
import org.kycsuite.localcloud.sfn.integrations.LambdaInvoker;
import org.kycsuite.localcloud.sfn.integrations.SqsIntegration;
import org.kycsuite.localcloud.sfn.store.ExecutionRecord;
import org.kycsuite.localcloud.sfn.store.SfnStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, resumes, stops and times out executions. Executions run on a bounded pool of threads and
 * hold one only while they work: a top-level token wait or Wait state gives it back
 * ({@link Parked}), so waiting executions cost memory, not threads. Parallel branches and Map
 * iterations run on a pool of their own (they block their parent's thread, which a bounded pool
 * shared with it could starve).
 */
public final class Executions implements StateMachineStarter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Executions.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final int MAX_CACHED_DEFINITIONS = 256;
    /** Threads for executions that are working (not waiting); more ready executions queue for one. */
    static final int EXECUTION_THREADS = 64;

    private final ObjectMapper mapper;
    private final Arns arns;
    private final SfnStore store;
    private final TaskTokens tokens;
    private final StateMachines stateMachines;
    private final Interpreter interpreter;
    private final LambdaInvoker lambda;
    private final EventsIntegration events;
    private final SqsIntegration sqs;
    private final ThreadPoolExecutor executions;
    private final ExecutorService branches;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<String, ExecutionRunner> running = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> definitions = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /** The integrations a Task state can call. */
    public record Integrations(LambdaInvoker lambda, EventsIntegration events, SqsIntegration sqs) {
    }

    public Executions(ObjectMapper mapper, Arns arns, SfnStore store, TaskTokens tokens, StateMachines stateMachines,
                      Integrations integrations) {
        this.mapper = mapper;
        this.arns = arns;
        this.store = store;
        this.tokens = tokens;
        this.stateMachines = stateMachines;
        this.interpreter = new Interpreter(mapper);
        this.lambda = integrations.lambda();
        this.events = integrations.events();
        this.sqs = integrations.sqs();
        AtomicInteger count = new AtomicInteger();
        this.executions = new ThreadPoolExecutor(EXECUTION_THREADS, EXECUTION_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("sfn-execution-", count));
        this.executions.allowCoreThreadTimeOut(true);
        this.branches = Executors.newCachedThreadPool(daemon("sfn-branch-", count));
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("sfn-timers-", count));
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    private static ThreadFactory daemon(String prefix, AtomicInteger count) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The bus's state machine target: a new execution named by a UUID with the event as input. */
    @Override
    public String startExecution(String stateMachineArn, String input) {
        return start(stateMachineArn, null, input).arn();
    }

    /**
     * StartExecution. Idempotent for a RUNNING execution with the same name and input, as AWS
     * documents; another input, or a closed execution of that name, is ExecutionAlreadyExists.
     */
    public ExecutionRecord start(String stateMachineArn, String name, String input) {
        ObjectNode machine = stateMachines.require(stateMachineArn);
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        if (!NAME.matcher(executionName).matches()) {
            throw new AwsServiceException(400, "InvalidName", "Invalid Name: '" + executionName + "'");
        }
        String text = input == null ? "{}" : input;
        JsonNode parsed;
        try {
            parsed = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AwsServiceException(400, "InvalidExecutionInput", "Invalid State Machine Execution Input: '"
                    + e.getOriginalMessage() + "'");
        }
        String machineName = machine.path("name").asText();
        String arn = arns.stateMachine(machineName).replace(":stateMachine:", ":execution:") + ":" + executionName;
        if (name != null) {
            ExecutionRecord existing = store.find(arn).orElse(null);
            if (existing != null) {
                return sameStart(existing, arn, text);
            }
        }
        JsonNode definition = definition(machine.path("definition").asText());
        ObjectNode doc = mapper.createObjectNode().put("input", text)
                .put("definition", machine.path("definition").asText()).put("stateMachineName", machineName)
                .put("roleArn", machine.path("roleArn").asText()).put("status", "RUNNING");
        ObjectNode cursor = doc.putObject("cursor").put("state", definition.path("StartAt").asText());
        cursor.set("input", parsed);
        long now = System.currentTimeMillis();
        ExecutionRecord record = new ExecutionRecord(arn, stateMachineArn, executionName, "RUNNING", now, null, doc);
        ObjectNode started = mapper.createObjectNode().put("input", text).put("roleArn", doc.path("roleArn").asText());
        started.putObject("inputDetails").put("truncated", false);
        ObjectNode event = mapper.createObjectNode().put("type", "ExecutionStarted").put("id", 1)
                .put("previousEventId", 0);
        event.set("timestamp", mapper.getNodeFactory().numberNode(
                org.kycsuite.localcloud.edge.Json.epochSeconds(java.time.Instant.ofEpochMilli(now))));
        event.set("executionStartedEventDetails", started);
        // A name we drew (a random UUID) cannot be taken: only a caller's name is looked up in the table.
        if (!store.insert(record, List.of(event), name != null)) {
            // Another StartExecution of this name won the race: the same rules apply against it.
            return sameStart(store.find(arn).orElseThrow(), arn, text);
        }
        launch(new ExecutionRunner(this, record, 1, false), definition);
        return record;
    }

    private static ExecutionRecord sameStart(ExecutionRecord existing, String arn, String input) {
        if ("RUNNING".equals(existing.status()) && existing.doc().path("input").asText().equals(input)) {
            return existing;
        }
        throw new AwsServiceException(400, "ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
    }

    /** Resumes every RUNNING execution after a (re)start. */
    public void resumeAll() {
        for (ExecutionRecord record : store.running()) {
            try {
                launch(new ExecutionRunner(this, record, store.lastEventId(record.arn()), true),
                        definition(record.doc().path("definition").asText()));
                LOG.info("Resumed execution {} at state {}", record.arn(), record.doc().at("/cursor/state").asText());
            } catch (RuntimeException e) {
                LOG.warn("Cannot resume execution {}", record.arn(), e);
            }
        }
    }

    private void launch(ExecutionRunner runner, JsonNode definition) {
        running.put(runner.arn(), runner);
        if (definition.has("TimeoutSeconds")) {
            long deadline = runner.record().startMillis() + definition.get("TimeoutSeconds").asLong() * 1000;
            scheduler.schedule(() -> timeOut(runner), Math.max(0, deadline - System.currentTimeMillis()),
                    TimeUnit.MILLISECONDS);
        }
        executions.execute(runner);
    }

    /** Runs a parked execution again (its token was decided or its deadline came). */
    void resume(ExecutionRunner runner) {
        try {
            executions.execute(runner);
        } catch (RejectedExecutionException e) {
            LOG.debug("Execution {} not resumed: the engine is shutting down", runner.arn());
        }
    }

    /** Runs {@code task} after {@code delayMillis} on the engine's timer thread. */
    ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return scheduler.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    /**
     * How many threads run executions at this moment (not counting Parallel branches and Map
     * iterations); executions waiting for a token or in a Wait state hold none.
     */
    public int executionThreads() {
        return executions.getActiveCount();
    }

    private void timeOut(ExecutionRunner runner) {
        ObjectNode details = mapper.createObjectNode().put("error", "States.Timeout")
                .put("cause", "The execution exceeded the state machine's TimeoutSeconds");
        runner.close("TIMED_OUT", "ExecutionTimedOut", "executionTimedOutEventDetails", details);
    }

    /** StopExecution; returns the stop time in epoch millis. */
    public long stop(String executionArn, String error, String cause) {
        ExecutionRecord record = store.find(executionArn).orElseThrow(() -> new AwsServiceException(400,
                "ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'"));
        if (!"RUNNING".equals(record.status())) {
            return record.stopMillis() == null ? System.currentTimeMillis() : record.stopMillis();
        }
        ObjectNode details = mapper.createObjectNode();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        ExecutionRunner runner = running.get(executionArn);
        if (runner == null) {
            // RUNNING in the store but not running here (it could not be resumed): abort it in the store
            runner = new ExecutionRunner(this, record, store.lastEventId(executionArn), true);
        }
        runner.close("ABORTED", "ExecutionAborted", "executionAbortedEventDetails", details);
        return System.currentTimeMillis();
    }

    void detach(ExecutionRunner runner) {
        running.remove(runner.arn(), runner);
    }

    /**
     * A definition parsed once and shared by every execution of it; the interpreter only reads it.
     * Keyed by the text, so an updated state machine gets its own entry and running executions keep theirs.
     */
    JsonNode definition(String text) {
        JsonNode cached = definitions.get(text);
        if (cached == null) {
            if (definitions.size() >= MAX_CACHED_DEFINITIONS) {
                definitions.clear();
            }
            cached = parse(text);
            definitions.put(text, cached);
        }
        return cached;
    }

    JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is invalid: " + e.getOriginalMessage(), e);
        }
    }

    boolean closing() {
        return closing;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    Arns arns() {
        return arns;
    }

    SfnStore store() {
        return store;
    }

    TaskTokens tokens() {
        return tokens;
    }

    Interpreter interpreter() {
        return interpreter;
    }

    LambdaInvoker lambda() {
        return lambda;
    }

    EventsIntegration events() {
        return events;
    }

    SqsIntegration sqs() {
        return sqs;
    }

    ExecutorService executor() {
        return branches;
    }

    @Override
    public void close() {
        closing = true;
        scheduler.shutdownNow();
        running.values().forEach(ExecutionRunner::interruptMain);
        executions.shutdown();
        branches.shutdown();
        try {
            executions.awaitTermination(2, TimeUnit.SECONDS);
            branches.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
