package org.kycsuite.localcloud.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONPath as ASL uses it, on Jayway JsonPath: reading paths (the context object through {@code $$}),
 * writing a ResultPath (a reference path), and payload templates whose {@code .$} keys hold a path or
 * an intrinsic function.
 */
public final class Paths {

    private static final Pattern SEGMENT = Pattern.compile("\\.([^.\\[]+)|\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d+)\\]");

    private final ObjectMapper mapper;
    private final Configuration configuration;
    private final Intrinsics intrinsics;

    public Paths(ObjectMapper mapper) {
        this.mapper = mapper;
        this.configuration = Configuration.builder().jsonProvider(new JacksonJsonNodeJsonProvider(mapper))
                .mappingProvider(new JacksonMappingProvider(mapper)).build();
        this.intrinsics = new Intrinsics(mapper, this);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Reads {@code path} ({@code $...} against the data, {@code $$...} against the context). */
    public JsonNode read(String path, JsonNode data, JsonNode context) throws StatesError {
        JsonNode target = data;
        String effective = path;
        if (path.startsWith("$$")) {
            target = context;
            effective = path.substring(1);
        }
        if (!effective.startsWith("$")) {
            throw StatesError.runtime("Invalid path '" + path + "': a path starts with '$'");
        }
        if ("$".equals(effective)) {
            return target;
        }
        try {
            Object value = JsonPath.using(configuration).parse(target).read(effective);
            return value instanceof JsonNode node ? node : mapper.valueToTree(value);
        } catch (PathNotFoundException e) {
            throw StatesError.runtime("Invalid path '" + path + "' : No results for path: " + e.getMessage());
        } catch (InvalidPathException e) {
            throw StatesError.runtime("Invalid path '" + path + "': " + e.getMessage());
        }
    }

    /** Whether {@code path} resolves to something (Choice {@code IsPresent}). */
    public boolean present(String path, JsonNode data, JsonNode context) {
        try {
            read(path, data, context);
            return true;
        } catch (StatesError e) {
            return false;
        }
    }

    /** InputPath/OutputPath: {@code null} means the whole document, JSON null means an empty object. */
    public JsonNode select(JsonNode pathField, JsonNode data, JsonNode context) throws StatesError {
        if (pathField == null) {
            return data;
        }
        if (pathField.isNull()) {
            return mapper.createObjectNode();
        }
        return read(pathField.asText(), data, context);
    }

    /** ResultPath: where {@code result} goes in {@code input}; absent = {@code $}, JSON null = discard. */
    public JsonNode applyResultPath(JsonNode resultPath, JsonNode input, JsonNode result) throws StatesError {
        if (resultPath == null) {
            return result;
        }
        if (resultPath.isNull()) {
            return input;
        }
        String path = resultPath.asText();
        if ("$".equals(path)) {
            return result;
        }
        if (!path.startsWith("$") || path.startsWith("$$")) {
            throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "Invalid ResultPath " + path);
        }
        List<Object> segments = segments(path);
        if (!input.isObject()) {
            throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath \"" + path
                    + "\" to input " + input);
        }
        JsonNode root = input.deepCopy();
        JsonNode node = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            Object segment = segments.get(i);
            JsonNode next = segment instanceof Integer index ? node.path(index) : node.path((String) segment);
            if (next.isMissingNode() || next.isNull()) {
                if (!(node instanceof ObjectNode object) || segment instanceof Integer) {
                    throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath \""
                            + path + "\" to input " + input);
                }
                next = object.putObject((String) segment);
            } else if (!next.isContainerNode()) {
                throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath \""
                        + path + "\" to input " + input + ": " + segment + " is not an object");
            }
            node = next;
        }
        Object last = segments.get(segments.size() - 1);
        if (node instanceof ObjectNode object && last instanceof String name) {
            object.set(name, result);
        } else if (node instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
            array.set(index, result);
        } else {
            throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath \"" + path
                    + "\" to input " + input);
        }
        return root;
    }

    /** Whether {@code path} is a reference path (only names and indexes), as ResultPath must be. */
    public static boolean isReferencePath(String path) {
        try {
            return "$".equals(path) || !segments(path).isEmpty();
        } catch (StatesError e) {
            return false;
        }
    }

    private static List<Object> segments(String path) throws StatesError {
        List<Object> segments = new ArrayList<>();
        Matcher matcher = SEGMENT.matcher(path);
        int position = 1;
        while (position < path.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "Not a reference path: " + path);
            }
            if (matcher.group(1) != null) {
                segments.add(matcher.group(1));
            } else if (matcher.group(2) != null) {
                segments.add(matcher.group(2).replace("\\'", "'"));
            } else {
                segments.add(Integer.valueOf(matcher.group(3)));
            }
            position = matcher.end();
        }
        if (segments.isEmpty()) {
            throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "Not a reference path: " + path);
        }
        return segments;
    }

    /** Parameters/ResultSelector/ItemSelector: copies the template, resolving every {@code .$} key. */
    public JsonNode resolveTemplate(JsonNode template, JsonNode data, JsonNode context) throws StatesError {
        if (template.isObject()) {
            ObjectNode out = mapper.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    String expression = field.getValue().asText();
                    String name = key.substring(0, key.length() - 2);
                    try {
                        out.set(name, evaluate(expression, data, context));
                    } catch (StatesError e) {
                        if (StatesError.RUNTIME.equals(e.error()) && !expression.startsWith("States.")) {
                            throw new StatesError(StatesError.RUNTIME, "The JSONPath '" + expression
                                    + "' specified for the field '" + key + "' could not be found in the input '"
                                    + data + "'");
                        }
                        throw e;
                    }
                } else {
                    out.set(key, resolveTemplate(field.getValue(), data, context));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = mapper.createArrayNode();
            for (JsonNode item : template) {
                out.add(resolveTemplate(item, data, context));
            }
            return out;
        }
        return template == null ? NullNode.getInstance() : template;
    }

    /** A {@code .$} value: a path or an intrinsic function call. */
    public JsonNode evaluate(String expression, JsonNode data, JsonNode context) throws StatesError {
        String trimmed = expression.trim();
        if (trimmed.startsWith("States.")) {
            return intrinsics.evaluate(trimmed, data, context);
        }
        return read(trimmed, data, context);
    }
}
