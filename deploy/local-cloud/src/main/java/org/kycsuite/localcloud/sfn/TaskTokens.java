package org.kycsuite.localcloud.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.sfn.asl.ExecutionHooks;
import org.kycsuite.localcloud.sfn.asl.StatesError;
import org.kycsuite.localcloud.sfn.store.TaskRecord;
import org.kycsuite.localcloud.sfn.store.TaskStore;

/**
 * Task tokens: issuing them, waiting for SendTaskSuccess/Failure with TimeoutSeconds and
 * HeartbeatSeconds, and the SendTask* operations. Every decision is a compare-and-set in the
 * store, so a timeout and a SendTaskSuccess racing on one token have exactly one winner.
 */
public final class TaskTokens {

    private static final Pattern TOKEN = Pattern.compile("AQ[A-Za-z0-9_-]{60,}");
    private static final long MAX_POLL_MILLIS = 30_000;

    private final TaskStore store;
    private final ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CompletableFuture<Void>> signals = new ConcurrentHashMap<>();

    public TaskTokens(TaskStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    public String newToken() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return "AQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Records {@code token} as waiting (no-op when it is already recorded). */
    public void register(String token, String executionArn, String stateName, Integer timeoutSeconds,
                         Integer heartbeatSeconds) {
        long now = System.currentTimeMillis();
        store.insertIfAbsent(new TaskRecord(token, executionArn, stateName, TaskRecord.WAITING,
                timeoutSeconds == null ? null : now + timeoutSeconds * 1000L,
                heartbeatSeconds == null ? null : now + heartbeatSeconds * 1000L, heartbeatSeconds,
                null, null, null));
    }

    /**
     * Waits until the token is decided; timeouts are decided here. For a wait that keeps no thread
     * (a top-level task) see {@link #poll(String)}.
     *
     * @return the task output
     * @throws StatesError the SendTaskFailure error, States.Timeout or States.HeartbeatTimeout
     * @throws InterruptedException when the execution stops or the local cloud shuts down
     */
    public JsonNode await(String token, ExecutionHooks active) throws StatesError, InterruptedException {
        try {
            while (true) {
                CompletableFuture<Void> signal = freshSignal(token);
                if (active != null) {
                    active.checkActive();
                }
                Poll poll = poll(token);
                if (poll.decided()) {
                    return poll.result();
                }
                long wait = Math.max(1, Math.min(MAX_POLL_MILLIS, poll.recheckAt() - System.currentTimeMillis()));
                try {
                    signal.get(wait, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // poll again: a deadline passed, or a heartbeat moved it
                }
            }
        } finally {
            signals.remove(token);
        }
    }

    /** A token's state at one look: its output once decided, else when a deadline may decide it. */
    public record Poll(JsonNode result, long recheckAt) {
        public boolean decided() {
            return result != null;
        }
    }

    /**
     * Looks at a token once without waiting; a deadline that has passed is decided here. A decision
     * made after this look completes the signal armed here, so {@link #onDecided} called later still
     * wakes the waiter.
     *
     * @return the output when it succeeded, else the deadline ({@link Long#MAX_VALUE}: only a decision)
     * @throws StatesError the SendTaskFailure error, States.Timeout or States.HeartbeatTimeout
     * @throws InterruptedException when the token was closed with its execution
     */
    public Poll poll(String token) throws StatesError, InterruptedException {
        freshSignal(token);
        while (true) {
            TaskRecord task = store.find(token).orElseThrow(() -> StatesError.runtime("Lost task token"));
            if (!task.waiting()) {
                signals.remove(token);
                return new Poll(outcome(task), 0);
            }
            long now = System.currentTimeMillis();
            if (task.timeoutAt() != null && now >= task.timeoutAt()) {
                store.decide(token, TaskRecord.TIMED_OUT, null, StatesError.TIMEOUT,
                        "The task did not complete within its TimeoutSeconds");
                continue;
            }
            if (task.heartbeatAt() != null && now >= task.heartbeatAt()) {
                store.decide(token, TaskRecord.HEARTBEAT_TIMED_OUT, null, StatesError.HEARTBEAT_TIMEOUT,
                        "No heartbeat within HeartbeatSeconds (" + task.heartbeatSeconds() + ")");
                continue;
            }
            return new Poll(null, Math.min(task.timeoutAt() == null ? Long.MAX_VALUE : task.timeoutAt(),
                    task.heartbeatAt() == null ? Long.MAX_VALUE : task.heartbeatAt()));
        }
    }

    /** Runs {@code wake} once {@code token} is decided (at once when that happened since the last poll). */
    public void onDecided(String token, Runnable wake) {
        signals.computeIfAbsent(token, key -> new CompletableFuture<>()).thenRun(wake);
    }

    /** Drops what waits on {@code token} (its execution was closed while no thread waited). */
    public void forget(String token) {
        signals.remove(token);
    }

    /** Wakes whoever waits on {@code token} to look again (its execution stopped). */
    public void wake(String token) {
        signal(token);
    }

    /** The token's pending signal; a completed one (a wake that was not a decision) is replaced. */
    private CompletableFuture<Void> freshSignal(String token) {
        return signals.compute(token, (key, signal) -> signal == null || signal.isDone()
                ? new CompletableFuture<>() : signal);
    }

    private JsonNode outcome(TaskRecord task) throws StatesError, InterruptedException {
        return switch (task.status()) {
            case TaskRecord.SUCCEEDED -> parse(task.result());
            case TaskRecord.CLOSED -> throw new InterruptedException("Execution closed");
            default -> throw new StatesError(task.error() == null ? "" : task.error(),
                    task.cause() == null ? "" : task.cause());
        };
    }

    public void sendSuccess(String token, String output) {
        TaskRecord task = waiting(token);
        try {
            mapper.readTree(output);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new AwsServiceException(400, "InvalidOutput", "Invalid output: " + e.getMessage());
        }
        decide(task, TaskRecord.SUCCEEDED, output, null, null);
    }

    public void sendFailure(String token, String error, String cause) {
        decide(waiting(token), TaskRecord.FAILED, null, error, cause);
    }

    public void sendHeartbeat(String token) {
        TaskRecord task = waiting(token);
        if (task.heartbeatSeconds() != null
                && !store.heartbeat(token, System.currentTimeMillis() + task.heartbeatSeconds() * 1000L)) {
            throw timedOut();
        }
    }

    private void decide(TaskRecord task, String status, String result, String error, String cause) {
        if (!store.decide(task.token(), status, result, error, cause)) {
            throw timedOut();
        }
        signal(task.token());
    }

    private TaskRecord waiting(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new AwsServiceException(400, "InvalidToken", "Invalid Token: '" + token + "'");
        }
        TaskRecord task = store.find(token).orElseThrow(() ->
                new AwsServiceException(400, "TaskDoesNotExist", "Task Token does not exist"));
        if (!task.waiting()) {
            throw timedOut();
        }
        long now = System.currentTimeMillis();
        if (task.timeoutAt() != null && now >= task.timeoutAt()) {
            store.decide(token, TaskRecord.TIMED_OUT, null, StatesError.TIMEOUT,
                    "The task did not complete within its TimeoutSeconds");
            signal(token);
            throw timedOut();
        }
        if (task.heartbeatAt() != null && now >= task.heartbeatAt()) {
            store.decide(token, TaskRecord.HEARTBEAT_TIMED_OUT, null, StatesError.HEARTBEAT_TIMEOUT,
                    "No heartbeat within HeartbeatSeconds (" + task.heartbeatSeconds() + ")");
            signal(token);
            throw timedOut();
        }
        return task;
    }

    private void signal(String token) {
        CompletableFuture<Void> signal = signals.get(token);
        if (signal != null) {
            signal.complete(null);
        }
    }

    private static AwsServiceException timedOut() {
        return new AwsServiceException(400, "TaskTimedOut", "Task Timed Out: the task token has expired or the task "
                + "has already been closed");
    }

    private JsonNode parse(String json) throws StatesError {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw StatesError.runtime("Stored task output is not JSON");
        }
    }
}
