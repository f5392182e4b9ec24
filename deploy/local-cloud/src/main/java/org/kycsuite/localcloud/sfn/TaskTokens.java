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
     * Waits until the token is decided; timeouts are decided here.
     *
     * @return the task output
     * @throws StatesError the SendTaskFailure error, States.Timeout or States.HeartbeatTimeout
     * @throws InterruptedException when the execution stops or the local cloud shuts down
     */
    public JsonNode await(String token, ExecutionHooks active) throws StatesError, InterruptedException {
        try {
            while (true) {
                CompletableFuture<Void> signal = signals.computeIfAbsent(token, key -> new CompletableFuture<>());
                if (active != null) {
                    active.checkActive();
                }
                TaskRecord task = store.find(token).orElseThrow(() -> StatesError.runtime("Lost task token"));
                if (!task.waiting()) {
                    return outcome(task);
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
                long until = Math.min(task.timeoutAt() == null ? Long.MAX_VALUE : task.timeoutAt(),
                        task.heartbeatAt() == null ? Long.MAX_VALUE : task.heartbeatAt());
                long wait = Math.max(1, Math.min(MAX_POLL_MILLIS, until - now));
                try {
                    signal.get(wait, TimeUnit.MILLISECONDS);
                    signals.remove(token, signal);
                } catch (TimeoutException | ExecutionException e) {
                    // poll again: a deadline passed, or a heartbeat moved it
                }
            }
        } finally {
            signals.remove(token);
        }
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

    /** Wakes every waiter to re-check its token (an execution stopped or the engine shuts down). */
    public void wakeAll() {
        signals.values().forEach(signal -> signal.complete(null));
    }

    private void decide(TaskRecord task, String status, String result, String error, String cause) {
        if (!store.decide(task.token(), status, result, error, cause)) {
            throw timedOut();
        }
        CompletableFuture<Void> signal = signals.get(task.token());
        if (signal != null) {
            signal.complete(null);
        }
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
