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

    /**
     * Waits {@code delayMillis} before attempt {@code retryCount + 1} of {@code stateName}; the top level
     * records the counters with the deadline first, so a resumed execution goes on counting.
     */
    void retryWait(String stateName, RetryState state, long delayMillis) throws InterruptedException;

    /** The retry counters of {@code stateName} when the execution resumes waiting to retry it, else null. */
    RetryState resumedRetry(String stateName);

    /** A Task, Parallel or Map state's retry counters: attempts per retrier and in all, next attempt's time. */
    record RetryState(int[] attempts, int count, long until) {
    }

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
