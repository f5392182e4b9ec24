package org.kycsuite.localcloud.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Runs ASL states (JSONPath query language): the transition loop, input/output processing in AWS's
 * order (InputPath → Parameters → ResultSelector → ResultPath → OutputPath), Retry and Catch.
 */
public final class Interpreter {

    private final ObjectMapper mapper;
    private final Paths paths;
    private final ChoiceRules choices;
    private final Branches branches;

    public Interpreter(ObjectMapper mapper) {
        this.mapper = mapper;
        this.paths = new Paths(mapper);
        this.choices = new ChoiceRules(paths);
        this.branches = new Branches(this);
    }

    public Paths paths() {
        return paths;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Runs {@code machine} (an object with {@code States}) from {@code start} until a terminal state.
     *
     * @param context the context object without {@code State} (Execution, StateMachine, Map, ...)
     * @param resumed whether {@code start} was already entered before a restart (no second Entered event)
     * @return the output of the terminal state
     */
    public JsonNode run(JsonNode machine, String start, JsonNode input, ObjectNode context, ExecutionHooks hooks,
                        ExecutionHooks.Checkpoint checkpoint, boolean resumed)
            throws StatesError, InterruptedException {
        String name = start;
        JsonNode data = input;
        boolean skipEntered = resumed;
        while (true) {
            hooks.checkActive();
            JsonNode state = machine.path("States").get(name);
            if (state == null) {
                throw StatesError.runtime("State " + name + " does not exist");
            }
            String type = state.path("Type").asText();
            if (!skipEntered) {
                ObjectNode entered = mapper.createObjectNode().put("name", name).put("input", data.toString());
                entered.putObject("inputDetails").put("truncated", false);
                hooks.event(type + "StateEntered", "stateEnteredEventDetails", entered);
            }
            skipEntered = false;
            Step step = runState(name, state, data, context, hooks);
            if (!"Fail".equals(type)) {
                ObjectNode exited = mapper.createObjectNode().put("name", name).put("output", step.output.toString());
                exited.putObject("outputDetails").put("truncated", false);
                hooks.event(type + "StateExited", "stateExitedEventDetails", exited);
            }
            checkpoint.transition(name, step.next, step.output);
            if (step.next == null) {
                return step.output;
            }
            name = step.next;
            data = step.output;
        }
    }

    /** A state's output and the next state ({@code null} at the end). */
    record Step(JsonNode output, String next) {
    }

    private Step runState(String name, JsonNode state, JsonNode input, ObjectNode context, ExecutionHooks hooks)
            throws StatesError, InterruptedException {
        String type = state.path("Type").asText();
        Instant entered = Instant.now();
        return switch (type) {
            case "Pass" -> new Step(pass(state, input, stateContext(context, name, entered, 0)), next(state));
            case "Choice" -> choice(state, input, stateContext(context, name, entered, 0));
            case "Wait" -> new Step(await(name, state, input, stateContext(context, name, entered, 0), hooks),
                    next(state));
            case "Succeed" -> {
                ObjectNode ctx = stateContext(context, name, entered, 0);
                yield new Step(paths.select(state.get("OutputPath"), paths.select(state.get("InputPath"), input, ctx),
                        ctx), null);
            }
            case "Fail" -> throw fail(state, input, stateContext(context, name, entered, 0));
            case "Task", "Parallel", "Map" -> withRetry(name, state, input, context, entered, hooks);
            default -> throw StatesError.runtime("Unknown state type " + type + " in state " + name);
        };
    }

    private Step withRetry(String name, JsonNode state, JsonNode input, ObjectNode context, Instant entered,
                           ExecutionHooks hooks) throws StatesError, InterruptedException {
        JsonNode retry = state.get("Retry");
        int[] attempts = new int[retry == null ? 0 : retry.size()];
        int retryCount = 0;
        ExecutionHooks.RetryState resumed = hooks.resumedRetry(name);
        if (resumed != null && resumed.attempts().length == attempts.length) {
            attempts = resumed.attempts().clone();
            retryCount = resumed.count();
            hooks.retryWait(name, resumed, resumed.until() - System.currentTimeMillis());
        }
        while (true) {
            ObjectNode ctx = stateContext(context, name, entered, retryCount);
            try {
                JsonNode output = switch (state.path("Type").asText()) {
                    case "Task" -> task(name, state, input, ctx, hooks);
                    case "Parallel" -> branches.parallel(state, input, ctx, hooks, this::process);
                    default -> branches.map(state, input, ctx, hooks, this::process);
                };
                return new Step(output, next(state));
            } catch (StatesError e) {
                int retrier = Retriers.find(retry, e.error());
                if (retrier >= 0 && attempts[retrier] < Retriers.maxAttempts(retry.get(retrier))) {
                    long delay = Retriers.delayMillis(retry.get(retrier), attempts[retrier]);
                    attempts[retrier]++;
                    retryCount++;
                    hooks.retryWait(name, new ExecutionHooks.RetryState(attempts.clone(), retryCount,
                            System.currentTimeMillis() + delay), delay);
                    continue;
                }
                JsonNode catchers = state.get("Catch");
                int catcher = Retriers.find(catchers, e.error());
                if (catcher < 0) {
                    throw e;
                }
                JsonNode handler = catchers.get(catcher);
                ObjectNode error = mapper.createObjectNode().put("Error", e.error()).put("Cause", e.cause());
                JsonNode output = paths.applyResultPath(handler.has("ResultPath") ? handler.get("ResultPath")
                        : mapper.getNodeFactory().textNode("$"), input, error);
                return new Step(output, handler.path("Next").asText());
            }
        }
    }

    private JsonNode task(String name, JsonNode state, JsonNode input, ObjectNode ctx, ExecutionHooks hooks)
            throws StatesError, InterruptedException {
        String resource = state.path("Resource").asText();
        String token = null;
        if (resource.endsWith(".waitForTaskToken")) {
            token = hooks.taskToken(name);
            ctx.putObject("Task").put("Token", token);
        }
        JsonNode effective = paths.select(state.get("InputPath"), input, ctx);
        Integer timeout = seconds(state, "TimeoutSeconds", effective, ctx);
        Integer heartbeat = seconds(state, "HeartbeatSeconds", effective, ctx);
        if (state.has("Parameters")) {
            effective = paths.resolveTemplate(state.get("Parameters"), effective, ctx);
        }
        JsonNode result = hooks.runTask(new ExecutionHooks.TaskCall(name, resource, effective, timeout, heartbeat,
                token, ctx));
        return process(state, input, result, ctx);
    }

    /** ResultSelector → ResultPath → OutputPath for a state's raw result. */
    JsonNode process(JsonNode state, JsonNode input, JsonNode result, ObjectNode ctx) throws StatesError {
        JsonNode selected = state.has("ResultSelector")
                ? paths.resolveTemplate(state.get("ResultSelector"), result, ctx) : result;
        JsonNode combined = paths.applyResultPath(state.has("ResultPath") ? state.get("ResultPath")
                : mapper.getNodeFactory().textNode("$"), input, selected);
        return paths.select(state.get("OutputPath"), combined, ctx);
    }

    private Integer seconds(JsonNode state, String field, JsonNode input, ObjectNode ctx) throws StatesError {
        if (state.has(field)) {
            return state.get(field).asInt();
        }
        if (state.has(field + "Path")) {
            JsonNode value = paths.read(state.get(field + "Path").asText(), input, ctx);
            if (!value.canConvertToInt() || value.asInt() <= 0) {
                throw StatesError.runtime(field + "Path must point to a positive integer, got " + value);
            }
            return value.asInt();
        }
        return null;
    }

    private JsonNode pass(JsonNode state, JsonNode input, ObjectNode ctx) throws StatesError {
        JsonNode effective = paths.select(state.get("InputPath"), input, ctx);
        JsonNode result;
        if (state.has("Result")) {
            result = state.get("Result").deepCopy();
        } else if (state.has("Parameters")) {
            result = paths.resolveTemplate(state.get("Parameters"), effective, ctx);
        } else {
            result = effective;
        }
        JsonNode combined = paths.applyResultPath(state.has("ResultPath") ? state.get("ResultPath")
                : mapper.getNodeFactory().textNode("$"), input, result);
        return paths.select(state.get("OutputPath"), combined, ctx);
    }

    private Step choice(JsonNode state, JsonNode input, ObjectNode ctx) throws StatesError {
        JsonNode effective = paths.select(state.get("InputPath"), input, ctx);
        JsonNode output = paths.select(state.get("OutputPath"), effective, ctx);
        for (JsonNode rule : state.path("Choices")) {
            if (choices.matches(rule, effective, ctx)) {
                return new Step(output, rule.path("Next").asText());
            }
        }
        if (state.hasNonNull("Default")) {
            return new Step(output, state.get("Default").asText());
        }
        throw new StatesError(StatesError.NO_CHOICE_MATCHED, "No Matches!");
    }

    private JsonNode await(String name, JsonNode state, JsonNode input, ObjectNode ctx, ExecutionHooks hooks)
            throws StatesError, InterruptedException {
        JsonNode effective = paths.select(state.get("InputPath"), input, ctx);
        Instant until;
        if (state.has("Seconds")) {
            until = Instant.now().plusMillis((long) (state.get("Seconds").asDouble() * 1000));
        } else if (state.has("SecondsPath")) {
            JsonNode value = paths.read(state.get("SecondsPath").asText(), effective, ctx);
            if (!value.isNumber() || value.asDouble() < 0) {
                throw StatesError.runtime("SecondsPath " + state.get("SecondsPath").asText()
                        + " must point to a non-negative number, got " + value);
            }
            until = Instant.now().plusMillis((long) (value.asDouble() * 1000));
        } else if (state.has("Timestamp")) {
            until = timestamp(state.get("Timestamp"));
        } else {
            until = timestamp(paths.read(state.path("TimestampPath").asText(), effective, ctx));
        }
        hooks.waitUntil(name, until);
        return paths.select(state.get("OutputPath"), effective, ctx);
    }

    private static Instant timestamp(JsonNode value) throws StatesError {
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw StatesError.runtime("Invalid timestamp " + value);
        }
    }

    private StatesError fail(JsonNode state, JsonNode input, ObjectNode ctx) throws StatesError {
        String error = state.has("ErrorPath") ? paths.evaluate(state.get("ErrorPath").asText(), input, ctx).asText()
                : state.path("Error").asText(null);
        String cause = state.has("CausePath") ? paths.evaluate(state.get("CausePath").asText(), input, ctx).asText()
                : state.path("Cause").asText(null);
        return new TerminalFailure(error, cause);
    }

    private ObjectNode stateContext(ObjectNode context, String name, Instant entered, int retryCount) {
        ObjectNode ctx = context.deepCopy();
        ctx.putObject("State").put("Name", name).put("EnteredTime", entered.toString())
                .put("RetryCount", retryCount);
        return ctx;
    }

    private static String next(JsonNode state) {
        return state.path("End").asBoolean(false) ? null : state.path("Next").asText(null);
    }

    /** A Fail state's error: ends the execution (or the branch) without Retry or Catch. */
    public static final class TerminalFailure extends StatesError {
        public TerminalFailure(String error, String cause) {
            super(error, cause);
        }
    }

    /** ResultSelector/ResultPath/OutputPath applied to a raw result. */
    @FunctionalInterface
    interface Processor {
        JsonNode process(JsonNode state, JsonNode input, JsonNode result, ObjectNode ctx) throws StatesError;
    }
}
