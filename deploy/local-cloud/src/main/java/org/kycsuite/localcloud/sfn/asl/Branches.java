package org.kycsuite.localcloud.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** Parallel branches and inline Map iterations, each on its own thread from the execution's pool. */
final class Branches {

    private final Interpreter interpreter;

    Branches(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    JsonNode parallel(JsonNode state, JsonNode input, ObjectNode ctx, ExecutionHooks hooks,
                      Interpreter.Processor processor) throws StatesError, InterruptedException {
        Paths paths = interpreter.paths();
        JsonNode effective = paths.select(state.get("InputPath"), input, ctx);
        if (state.has("Parameters")) {
            effective = paths.resolveTemplate(state.get("Parameters"), effective, ctx);
        }
        hooks.event("ParallelStateStarted", null, null);
        ObjectNode base = branchContext(ctx);
        JsonNode branchInput = effective;
        List<Future<JsonNode>> futures = new ArrayList<>();
        for (JsonNode branch : state.path("Branches")) {
            futures.add(hooks.executor().submit(() -> interpreter.run(branch, branch.path("StartAt").asText(),
                    branchInput, base, hooks, ExecutionHooks.Checkpoint.NONE, false)));
        }
        ArrayNode results = interpreter.mapper().createArrayNode();
        try {
            for (Future<JsonNode> future : futures) {
                results.add(await(future));
            }
        } catch (StatesError e) {
            futures.forEach(future -> future.cancel(false));
            hooks.event("ParallelStateFailed", null, null);
            throw e;
        }
        hooks.event("ParallelStateSucceeded", null, null);
        return processor.process(state, input, results, ctx);
    }

    JsonNode map(JsonNode state, JsonNode input, ObjectNode ctx, ExecutionHooks hooks,
                 Interpreter.Processor processor) throws StatesError, InterruptedException {
        Paths paths = interpreter.paths();
        JsonNode effective = paths.select(state.get("InputPath"), input, ctx);
        JsonNode items = state.has("ItemsPath") ? paths.read(state.get("ItemsPath").asText(), effective, ctx)
                : effective;
        if (!items.isArray()) {
            throw StatesError.runtime("Map state input at ItemsPath must be an array, got " + items);
        }
        JsonNode processor2 = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        JsonNode selector = state.has("ItemSelector") ? state.get("ItemSelector") : state.get("Parameters");
        int concurrency = state.path("MaxConcurrency").asInt(0);
        Semaphore permits = new Semaphore(concurrency <= 0 ? 1000 : concurrency);
        ObjectNode startedDetails = interpreter.mapper().createObjectNode().put("length", items.size());
        hooks.event("MapStateStarted", "mapStateStartedEventDetails", startedDetails);
        List<Future<JsonNode>> futures = new ArrayList<>();
        String name = ctx.path("State").path("Name").asText();
        for (int i = 0; i < items.size(); i++) {
            ObjectNode itemContext = branchContext(ctx);
            itemContext.putObject("Map").putObject("Item").put("Index", i).set("Value", items.get(i));
            JsonNode itemInput = selector == null ? items.get(i)
                    : paths.resolveTemplate(selector, effective, itemContext);
            int index = i;
            permits.acquire();
            futures.add(hooks.executor().submit(() -> {
                try {
                    ObjectNode iteration = interpreter.mapper().createObjectNode().put("name", name)
                            .put("index", index);
                    hooks.event("MapIterationStarted", "mapIterationStartedEventDetails", iteration);
                    JsonNode out = interpreter.run(processor2, processor2.path("StartAt").asText(), itemInput,
                            itemContext, hooks, ExecutionHooks.Checkpoint.NONE, false);
                    hooks.event("MapIterationSucceeded", "mapIterationSucceededEventDetails", iteration.deepCopy());
                    return out;
                } catch (StatesError e) {
                    ObjectNode iteration = interpreter.mapper().createObjectNode().put("name", name)
                            .put("index", index);
                    hooks.event("MapIterationFailed", "mapIterationFailedEventDetails", iteration);
                    throw e;
                } finally {
                    permits.release();
                }
            }));
        }
        return collect(state, input, ctx, hooks, processor, futures, items.size());
    }

    private JsonNode collect(JsonNode state, JsonNode input, ObjectNode ctx, ExecutionHooks hooks,
                             Interpreter.Processor processor, List<Future<JsonNode>> futures, int total)
            throws StatesError, InterruptedException {
        boolean tolerant = state.has("ToleratedFailureCount") || state.has("ToleratedFailurePercentage");
        int toleratedCount = state.path("ToleratedFailureCount").asInt(0);
        double toleratedPercent = state.path("ToleratedFailurePercentage").asDouble(0);
        ArrayNode results = interpreter.mapper().createArrayNode();
        int failures = 0;
        for (Future<JsonNode> future : futures) {
            try {
                results.add(await(future));
            } catch (StatesError e) {
                failures++;
                boolean withinCount = state.has("ToleratedFailureCount") && failures <= toleratedCount;
                boolean withinPercent = state.has("ToleratedFailurePercentage")
                        && failures * 100.0 / total <= toleratedPercent;
                if (!tolerant) {
                    futures.forEach(other -> other.cancel(false));
                    hooks.event("MapStateFailed", null, null);
                    throw e;
                }
                if (!withinCount && !withinPercent) {
                    futures.forEach(other -> other.cancel(false));
                    hooks.event("MapStateFailed", null, null);
                    throw new StatesError(StatesError.EXCEEDED_TOLERATED_FAILURE,
                            "The specified tolerated failure threshold was exceeded");
                }
                results.add(interpreter.mapper().createObjectNode().put("Error", e.error()).put("Cause", e.cause()));
            }
        }
        hooks.event("MapStateSucceeded", null, null);
        return processor.process(state, input, results, ctx);
    }

    private static ObjectNode branchContext(ObjectNode ctx) {
        ObjectNode base = ctx.deepCopy();
        base.remove("State");
        base.remove("Task");
        return base;
    }

    private static JsonNode await(Future<JsonNode> future) throws StatesError, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatesError error) {
                throw error;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw StatesError.runtime(String.valueOf(e.getCause()));
        }
    }
}
