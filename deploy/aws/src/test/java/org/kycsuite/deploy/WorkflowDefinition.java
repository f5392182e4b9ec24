package org.kycsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The KYC workflow's ASL file, and the evaluation of a state's {@code Parameters} for the subset of
 * the Amazon States Language this workflow uses ({@code key.$} with plain {@code $.a.b} and
 * {@code $$.A.B} paths, {@code States.Format}), so tests can check what a state builds against the
 * event schemas. The full semantics run in the local cloud's engine ({@code KycWorkflowTest}).
 */
final class WorkflowDefinition {

    private static final Pattern FORMAT = Pattern.compile("States\\.Format\\('([^']*)'((?:,\\s*[^,)]+)*)\\)");

    private final String text;
    private final JsonNode definition;

    private WorkflowDefinition(String text, JsonNode definition) {
        this.text = text;
        this.definition = definition;
    }

    static WorkflowDefinition load() {
        try {
            String text = Files.readString(SamTemplate.WORKFLOW);
            return new WorkflowDefinition(text, SamTemplate.JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return text;
    }

    JsonNode definition() {
        return definition;
    }

    JsonNode state(String name) {
        JsonNode state = definition.path("States").get(name);
        if (state == null) {
            throw new AssertionError("The workflow has no state " + name);
        }
        return state;
    }

    Map<String, JsonNode> states() {
        Map<String, JsonNode> states = new LinkedHashMap<>();
        definition.path("States").fields().forEachRemaining(state -> states.put(state.getKey(), state.getValue()));
        return states;
    }

    /** Every {@code events:putEvents} entry of every state, keyed "state/index". */
    Map<String, JsonNode> eventEntries() {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        states().forEach((name, state) -> {
            if (state.path("Resource").asText().startsWith("arn:aws:states:::events:putEvents")) {
                List<JsonNode> list = new ArrayList<>();
                state.path("Parameters").path("Entries").forEach(list::add);
                for (int i = 0; i < list.size(); i++) {
                    entries.put(name + "/" + i, list.get(i));
                }
            }
        });
        return entries;
    }

    /** What Step Functions makes of {@code template} (a Parameters object) for {@code input} and the context. */
    static JsonNode evaluate(JsonNode template, JsonNode input, Map<String, String> context) {
        if (template.isArray()) {
            ArrayNode out = SamTemplate.JSON.createArrayNode();
            template.forEach(item -> out.add(evaluate(item, input, context)));
            return out;
        }
        if (!template.isObject()) {
            return template;
        }
        ObjectNode out = SamTemplate.JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().endsWith(".$")) {
                String key = field.getKey().substring(0, field.getKey().length() - 2);
                out.set(key, expression(field.getValue().asText(), input, context));
            } else {
                out.set(field.getKey(), evaluate(field.getValue(), input, context));
            }
        }
        return out;
    }

    private static JsonNode expression(String expression, JsonNode input, Map<String, String> context) {
        if (expression.startsWith("$$.")) {
            String value = context.get(expression);
            if (value == null) {
                throw new AssertionError("No context value for " + expression);
            }
            return SamTemplate.JSON.getNodeFactory().textNode(value);
        }
        if (expression.startsWith("$.") || "$".equals(expression)) {
            return path(expression, input);
        }
        Matcher format = FORMAT.matcher(expression);
        if (format.matches()) {
            String result = format.group(1);
            for (String argument : format.group(2).split(",")) {
                if (!argument.isBlank()) {
                    result = result.replaceFirst("\\{}", Matcher.quoteReplacement(path(argument.trim(), input)
                            .asText()));
                }
            }
            return SamTemplate.JSON.getNodeFactory().textNode(result);
        }
        throw new AssertionError("Expression outside the tested subset: " + expression);
    }

    /** A plain {@code $.a.b} path; a missing one fails, as States.Runtime would. */
    static JsonNode path(String path, JsonNode input) {
        JsonNode value = "$".equals(path) ? input : input.at(path.substring(1).replace('.', '/'));
        if (value.isMissingNode()) {
            throw new AssertionError("Path " + path + " does not exist in the state input");
        }
        return value;
    }
}
