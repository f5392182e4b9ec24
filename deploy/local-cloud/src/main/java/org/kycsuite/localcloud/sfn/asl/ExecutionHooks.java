package org.kycsuite.localcloud.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.ExecutorService;

/** What the interpreter needs from the execution it runs: history, tasks, waits, threads. */
public interface ExecutionHooks {

    /** Appends a history event of {@code type}; {@code details} goes under {@code detailsKey} (may be null). */
    void event(String type, String detailsKey, ObjectNode details);

    /** A task token for a {@code .waitForTaskToken} task in {@code stateName} (the stored one when resuming). */
    String taskToken(String stateName);

    /** Runs one Task state's resource with its effective parameters. */
    JsonNode runTask(TaskCall call) throws StatesError, InterruptedException;

    /** Returns at {@code until}; a Wait state at the top level records the deadline durably first. */
    void waitUntil(String stateName, Instant until) throws InterruptedException;

    /** Sleeps (retry backoff); returns early with InterruptedException when the execution stops. */
    void sleep(long millis) throws InterruptedException;

    /** Throws InterruptedException once the execution was stopped, timed out or the engine shuts down. */
    void checkActive() throws InterruptedException;

    /** Threads for Parallel branches and Map iterations. */
    ExecutorService executor();

    /** One Task state invocation. */
    record TaskCall(String stateName, String resource, JsonNode parameters, Integer timeoutSeconds,
                    Integer heartbeatSeconds, String taskToken, ObjectNode context) {
    }

    /** Called after each state completes at this level (the top level makes it durable). */
    @FunctionalInterface
    interface Checkpoint {
        void transition(String completedState, String next, JsonNode output);

        Checkpoint NONE = (completed, next, output) -> { };
    }
}
