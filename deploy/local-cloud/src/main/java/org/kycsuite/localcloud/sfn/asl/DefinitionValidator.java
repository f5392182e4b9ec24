package org.kycsuite.localcloud.sfn.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static checks of an ASL definition, with diagnostics in AWS's shape ({@code CODE: message at /path}):
 * state types and their required fields, transitions to existing states, reference paths, Retry/Catch.
 */
public final class DefinitionValidator {

    private static final Set<String> TYPES = Set.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel",
            "Map");

    private final ObjectMapper mapper;

    public DefinitionValidator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** One problem. */
    public record Diagnostic(String code, String message, String location) {
        @Override
        public String toString() {
            return code + ": " + message + " at " + location;
        }
    }

    /** Parses and checks {@code definition}; an empty list means valid. */
    public List<Diagnostic> validate(String definition) {
        List<Diagnostic> out = new ArrayList<>();
        JsonNode root;
        try {
            root = mapper.readTree(definition);
        } catch (JsonProcessingException e) {
            out.add(new Diagnostic("INVALID_JSON_DESCRIPTION", "Invalid JSON: " + e.getOriginalMessage(), "/"));
            return out;
        }
        if (root == null || !root.isObject()) {
            out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The definition must be a JSON object", "/"));
            return out;
        }
        machine(root, "", out);
        return out;
    }

    private void machine(JsonNode machine, String at, List<Diagnostic> out) {
        JsonNode states = machine.get("States");
        if (states == null || !states.isObject() || states.isEmpty()) {
            out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The field \"States\" should be non-empty",
                    at + "/States"));
            return;
        }
        String startAt = machine.path("StartAt").asText(null);
        if (startAt == null) {
            out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The field \"StartAt\" is required", at + "/StartAt"));
        } else if (!states.has(startAt)) {
            out.add(new Diagnostic("MISSING_TRANSITION_TARGET", "Missing 'StartAt' target: " + startAt,
                    at + "/StartAt"));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = states.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            state(field.getKey(), field.getValue(), states, at + "/States/" + field.getKey(), out);
        }
    }

    private void state(String name, JsonNode state, JsonNode states, String at, List<Diagnostic> out) {
        String type = state.path("Type").asText(null);
        if (type == null || !TYPES.contains(type)) {
            out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The field \"Type\" of state " + name
                    + " should be one of " + TYPES + ", got " + type, at + "/Type"));
            return;
        }
        boolean terminal = "Succeed".equals(type) || "Fail".equals(type) || "Choice".equals(type);
        if (!terminal) {
            boolean end = state.path("End").asBoolean(false);
            if (!end && !state.has("Next")) {
                out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "State " + name
                        + " needs either \"Next\" or \"End\": true", at));
            }
            if (end && state.has("Next")) {
                out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "State " + name
                        + " cannot have both \"Next\" and \"End\"", at + "/Next"));
            }
        } else if (state.has("Next") || state.has("End")) {
            out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The field \"" + (state.has("Next") ? "Next" : "End")
                    + "\" is not supported for state type \"" + type + "\" (state " + name + ")", at));
        }
        target(state.get("Next"), states, at + "/Next", out);
        referencePath(state.get("ResultPath"), at + "/ResultPath", out);
        switch (type) {
            case "Task" -> {
                if (!state.path("Resource").isTextual()) {
                    out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The field \"Resource\" is required in Task "
                            + "state " + name, at + "/Resource"));
                }
            }
            case "Choice" -> choice(name, state, states, at, out);
            case "Wait" -> {
                int count = 0;
                for (String field : new String[] {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"}) {
                    count += state.has(field) ? 1 : 0;
                }
                if (count != 1) {
                    out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "Wait state " + name + " needs exactly one of "
                            + "Seconds, SecondsPath, Timestamp, TimestampPath", at));
                }
            }
            case "Parallel" -> {
                JsonNode branches = state.path("Branches");
                if (!branches.isArray() || branches.isEmpty()) {
                    out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The field \"Branches\" should be non-empty "
                            + "in Parallel state " + name, at + "/Branches"));
                }
                for (int i = 0; i < branches.size(); i++) {
                    machine(branches.get(i), at + "/Branches[" + i + "]", out);
                }
            }
            case "Map" -> {
                String field = state.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
                if (!state.has(field)) {
                    out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The field \"ItemProcessor\" is required in "
                            + "Map state " + name, at + "/ItemProcessor"));
                } else {
                    machine(state.get(field), at + "/" + field, out);
                }
            }
            default -> {
            }
        }
        for (JsonNode catcher : state.path("Catch")) {
            target(catcher.get("Next"), states, at + "/Catch/Next", out);
            if (!catcher.path("ErrorEquals").isArray() || catcher.path("ErrorEquals").isEmpty()) {
                out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The field \"ErrorEquals\" should be non-empty",
                        at + "/Catch/ErrorEquals"));
            }
        }
        for (JsonNode retrier : state.path("Retry")) {
            if (!retrier.path("ErrorEquals").isArray() || retrier.path("ErrorEquals").isEmpty()) {
                out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The field \"ErrorEquals\" should be non-empty",
                        at + "/Retry/ErrorEquals"));
            }
        }
    }

    private void choice(String name, JsonNode state, JsonNode states, String at, List<Diagnostic> out) {
        JsonNode choices = state.path("Choices");
        if (!choices.isArray() || choices.isEmpty()) {
            out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The field \"Choices\" should be non-empty in Choice "
                    + "state " + name, at + "/Choices"));
            return;
        }
        for (int i = 0; i < choices.size(); i++) {
            JsonNode rule = choices.get(i);
            if (!rule.has("Next")) {
                out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The field \"Next\" is required in each choice "
                        + "rule of state " + name, at + "/Choices[" + i + "]/Next"));
            }
            target(rule.get("Next"), states, at + "/Choices[" + i + "]/Next", out);
        }
        target(state.get("Default"), states, at + "/Default", out);
    }

    private static void target(JsonNode next, JsonNode states, String at, List<Diagnostic> out) {
        if (next != null && !states.has(next.asText())) {
            out.add(new Diagnostic("MISSING_TRANSITION_TARGET", "Missing 'Next' target: " + next.asText(), at));
        }
    }

    private static void referencePath(JsonNode path, String at, List<Diagnostic> out) {
        if (path != null && !path.isNull() && !Paths.isReferencePath(path.asText())) {
            out.add(new Diagnostic("SCHEMA_VALIDATION_FAILED", "The value for the field 'ResultPath' must be a valid "
                    + "reference path", at));
        }
    }
}
