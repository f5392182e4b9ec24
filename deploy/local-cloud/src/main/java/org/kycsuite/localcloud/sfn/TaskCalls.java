package org.kycsuite.localcloud.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kycsuite.localcloud.sfn.asl.ExecutionHooks.TaskCall;
import org.kycsuite.localcloud.sfn.asl.StatesError;

/**
 * One Task state's call: picks the integration by resource ARN, records the Task* (or LambdaFunction*)
 * history events AWS records, and for {@code .waitForTaskToken} publishes and then waits for the token.
 */
final class TaskCalls {

    private static final String STATES_PREFIX = "arn:aws:states:::";
    private static final String WAIT_SUFFIX = ".waitForTaskToken";

    private final Executions engine;
    private final ExecutionRunner runner;

    TaskCalls(Executions engine, ExecutionRunner runner) {
        this.engine = engine;
        this.runner = runner;
    }

    JsonNode run(TaskCall call) throws StatesError, InterruptedException {
        String resource = call.resource();
        if (resource.startsWith("arn:aws:lambda:")) {
            return plainLambda(call);
        }
        if (!resource.startsWith(STATES_PREFIX)) {
            throw new StatesError(StatesError.RUNTIME, "Unsupported Task resource " + resource);
        }
        String service = resource.substring(STATES_PREFIX.length());
        int colon = service.indexOf(':');
        String resourceType = colon < 0 ? service : service.substring(0, colon);
        String action = colon < 0 ? "" : service.substring(colon + 1);
        boolean waitForToken = action.endsWith(WAIT_SUFFIX);
        boolean resumed = waitForToken && runner.resumesWait(call.taskToken());
        if (!resumed) {
            ObjectNode scheduled = details(resourceType, action).put("region", engine.arns().region())
                    .put("parameters", call.parameters().toString());
            if (call.timeoutSeconds() != null) {
                scheduled.put("timeoutInSeconds", call.timeoutSeconds());
            }
            if (call.heartbeatSeconds() != null) {
                scheduled.put("heartbeatInSeconds", call.heartbeatSeconds());
            }
            runner.event("TaskScheduled", "taskScheduledEventDetails", scheduled);
            runner.event("TaskStarted", "taskStartedEventDetails", details(resourceType, action));
        }
        try {
            JsonNode result;
            if (waitForToken) {
                engine.tokens().register(call.taskToken(), runner.arn(), call.stateName(), call.timeoutSeconds(),
                        call.heartbeatSeconds());
                if (!resumed) {
                    boolean top = runner.onMainThread();
                    if (top) {
                        runner.recordToken(call.taskToken(), "PUBLISHING");
                    }
                    JsonNode submitted = invoke(resourceType, action.substring(0, action.length()
                            - WAIT_SUFFIX.length()), call);
                    runner.event("TaskSubmitted", "taskSubmittedEventDetails", details(resourceType, action)
                            .put("output", submitted.toString()));
                    if (top) {
                        runner.recordToken(call.taskToken(), "WAITING");
                    } else {
                        runner.flush();
                    }
                }
                result = awaitToken(call.taskToken());
            } else {
                result = invoke(resourceType, action, call);
            }
            runner.event("TaskSucceeded", "taskSucceededEventDetails", details(resourceType, action)
                    .put("output", result.toString()));
            return result;
        } catch (StatesError e) {
            boolean timedOut = StatesError.TIMEOUT.equals(e.error()) || StatesError.HEARTBEAT_TIMEOUT.equals(e.error());
            runner.event(timedOut ? "TaskTimedOut" : "TaskFailed",
                    timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails",
                    details(resourceType, action).put("error", e.error()).put("cause", e.cause()));
            throw e;
        }
    }

    /**
     * The token's outcome. A top-level task gives its thread back while it waits ({@link Parked}: its
     * cursor says WAITING, so it resumes here); a task inside a Parallel branch or Map iteration waits
     * on its thread.
     */
    private JsonNode awaitToken(String token) throws StatesError, InterruptedException {
        if (!runner.onMainThread()) {
            runner.waitingOn(token, true);
            try {
                return engine.tokens().await(token, runner);
            } finally {
                runner.waitingOn(token, false);
            }
        }
        runner.checkActive();
        TaskTokens.Poll poll = engine.tokens().poll(token);
        if (poll.decided()) {
            return poll.result();
        }
        throw new Parked(token, poll.recheckAt());
    }

    private JsonNode invoke(String resourceType, String action, TaskCall call)
            throws StatesError, InterruptedException {
        String operation = resourceType + ":" + action;
        return switch (operation) {
            case "lambda:invoke" -> engine.lambda().invoke(call.parameters(), call.timeoutSeconds());
            case "events:putEvents" -> engine.events().putEvents(call.parameters(), runner.arn(),
                    runner.record().stateMachineArn());
            case "sqs:sendMessage" -> engine.sqs().sendMessage(call.parameters());
            default -> throw new StatesError(StatesError.RUNTIME, "The local cloud does not integrate with "
                    + STATES_PREFIX + operation);
        };
    }

    private JsonNode plainLambda(TaskCall call) throws StatesError, InterruptedException {
        ObjectNode scheduled = engine.mapper().createObjectNode().put("resource", call.resource())
                .put("input", call.parameters().toString());
        if (call.timeoutSeconds() != null) {
            scheduled.put("timeoutInSeconds", call.timeoutSeconds());
        }
        runner.event("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", scheduled);
        runner.event("LambdaFunctionStarted", null, null);
        try {
            JsonNode result = engine.lambda().call(call.resource(), call.parameters(), call.timeoutSeconds());
            runner.event("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails",
                    engine.mapper().createObjectNode().put("output", result.toString()));
            return result;
        } catch (StatesError e) {
            boolean timedOut = StatesError.TIMEOUT.equals(e.error());
            runner.event(timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed",
                    timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails",
                    engine.mapper().createObjectNode().put("error", e.error()).put("cause", e.cause()));
            throw e;
        }
    }

    private ObjectNode details(String resourceType, String resource) {
        return engine.mapper().createObjectNode().put("resourceType", resourceType).put("resource", resource);
    }
}
