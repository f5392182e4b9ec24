package org.kycsuite.localcloud.sfn.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ASL intrinsic functions ({@code States.Format}, {@code States.Array}, ...), nested, with
 * string, number, boolean and null literals and paths as arguments. Every failure is
 * {@code States.IntrinsicFailure}, as on AWS.
 */
final class Intrinsics {

    private final ObjectMapper mapper;
    private final Paths paths;

    Intrinsics(ObjectMapper mapper, Paths paths) {
        this.mapper = mapper;
        this.paths = paths;
    }

    JsonNode evaluate(String expression, JsonNode data, JsonNode context) throws StatesError {
        Parser parser = new Parser(expression, data, context);
        JsonNode value = parser.call();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw failure("Unexpected text after the function call in " + expression);
        }
        return value;
    }

    private static StatesError failure(String message) {
        return new StatesError(StatesError.INTRINSIC_FAILURE, message);
    }

    /** Recursive descent over one expression; evaluates as it parses. */
    private final class Parser {
        private final String text;
        private final JsonNode data;
        private final JsonNode context;
        private int position;

        Parser(String text, JsonNode data, JsonNode context) {
            this.text = text;
            this.data = data;
            this.context = context;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        JsonNode call() throws StatesError {
            skipSpaces();
            int start = position;
            while (!atEnd() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '.')) {
                position++;
            }
            String name = text.substring(start, position);
            skipSpaces();
            if (atEnd() || text.charAt(position) != '(') {
                throw failure("Expected '(' after " + name + " in " + text);
            }
            position++;
            List<JsonNode> arguments = new ArrayList<>();
            skipSpaces();
            if (!atEnd() && text.charAt(position) == ')') {
                position++;
                return apply(name, arguments);
            }
            while (true) {
                arguments.add(argument());
                skipSpaces();
                if (atEnd()) {
                    throw failure("Unterminated call to " + name + " in " + text);
                }
                char c = text.charAt(position++);
                if (c == ')') {
                    return apply(name, arguments);
                }
                if (c != ',') {
                    throw failure("Expected ',' or ')' in " + text + " at " + (position - 1));
                }
            }
        }

        private JsonNode argument() throws StatesError {
            skipSpaces();
            if (atEnd()) {
                throw failure("Missing argument in " + text);
            }
            char c = text.charAt(position);
            if (c == '\'') {
                return TextNode.valueOf(string());
            }
            if (c == '$') {
                return paths.read(path(), data, context);
            }
            if (text.startsWith("States.", position)) {
                return call();
            }
            int start = position;
            while (!atEnd() && text.charAt(position) != ',' && text.charAt(position) != ')') {
                position++;
            }
            String literal = text.substring(start, position).trim();
            try {
                JsonNode value = mapper.readTree(literal);
                if (value == null || !(value.isNumber() || value.isBoolean() || value.isNull())) {
                    throw failure("Invalid argument " + literal + " in " + text);
                }
                return value;
            } catch (JsonProcessingException e) {
                throw failure("Invalid argument " + literal + " in " + text);
            }
        }

        private String string() throws StatesError {
            StringBuilder out = new StringBuilder();
            position++;
            while (!atEnd()) {
                char c = text.charAt(position++);
                if (c == '\\' && !atEnd()) {
                    char escaped = text.charAt(position++);
                    if (escaped == '{' || escaped == '}') {
                        out.append('\\');
                    }
                    out.append(escaped);
                } else if (c == '\'') {
                    return out.toString();
                } else {
                    out.append(c);
                }
            }
            throw failure("Unterminated string in " + text);
        }

        private String path() {
            int start = position;
            int depth = 0;
            boolean quoted = false;
            while (!atEnd()) {
                char c = text.charAt(position);
                if (c == '\'' && depth > 0) {
                    quoted = !quoted;
                } else if (!quoted && (c == '[' || c == '(')) {
                    depth++;
                } else if (!quoted && (c == ']' || (c == ')' && depth > 0))) {
                    depth--;
                } else if (!quoted && depth == 0 && (c == ',' || c == ')')) {
                    break;
                }
                position++;
            }
            return text.substring(start, position).trim();
        }
    }

    private JsonNode apply(String name, List<JsonNode> args) throws StatesError {
        return switch (name) {
            case "States.Format" -> format(args);
            case "States.StringToJson" -> parse(text(args, 0, name));
            case "States.JsonToString" -> TextNode.valueOf(write(arg(args, 0, name)));
            case "States.Array" -> mapper.createArrayNode().addAll(args);
            case "States.ArrayPartition" -> partition(array(args, 0, name), integer(args, 1, name));
            case "States.ArrayContains" -> BooleanNode.valueOf(contains(array(args, 0, name), arg(args, 1, name)));
            case "States.ArrayRange" -> range(integer(args, 0, name), integer(args, 1, name), integer(args, 2, name));
            case "States.ArrayGetItem" -> item(array(args, 0, name), integer(args, 1, name));
            case "States.ArrayLength" -> mapper.getNodeFactory().numberNode(array(args, 0, name).size());
            case "States.ArrayUnique" -> unique(array(args, 0, name));
            case "States.Base64Encode" -> TextNode.valueOf(Base64.getEncoder()
                    .encodeToString(text(args, 0, name).getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode" -> TextNode.valueOf(decode(text(args, 0, name)));
            case "States.Hash" -> TextNode.valueOf(hash(arg(args, 0, name), text(args, 1, name)));
            case "States.JsonMerge" -> merge(args, name);
            case "States.MathRandom" -> random(args, name);
            case "States.MathAdd" -> mapper.getNodeFactory().numberNode(integer(args, 0, name)
                    + integer(args, 1, name));
            case "States.StringSplit" -> split(text(args, 0, name), text(args, 1, name));
            case "States.UUID" -> TextNode.valueOf(UUID.randomUUID().toString());
            default -> throw failure("Unknown intrinsic function " + name);
        };
    }

    private JsonNode format(List<JsonNode> args) throws StatesError {
        String template = text(args, 0, "States.Format");
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure("States.Format has more placeholders than arguments");
                }
                JsonNode value = args.get(next++);
                if (value.isContainerNode()) {
                    throw failure("States.Format arguments must be strings, numbers, booleans or null");
                }
                out.append(value.isTextual() ? value.asText() : value.toString());
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw failure("States.Format has " + (args.size() - 1) + " arguments but " + (next - 1) + " placeholders");
        }
        return TextNode.valueOf(out.toString());
    }

    private JsonNode parse(String json) throws StatesError {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw failure("States.StringToJson: invalid JSON " + json);
        }
    }

    private String write(JsonNode value) throws StatesError {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw failure(e.getOriginalMessage());
        }
    }

    private JsonNode partition(ArrayNode array, long size) throws StatesError {
        if (size <= 0) {
            throw failure("States.ArrayPartition: the chunk size must be positive");
        }
        ArrayNode out = mapper.createArrayNode();
        ArrayNode chunk = null;
        for (JsonNode item : array) {
            if (chunk == null || chunk.size() == size) {
                chunk = out.addArray();
            }
            chunk.add(item);
        }
        return out;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode range(long start, long end, long step) throws StatesError {
        if (step == 0) {
            throw failure("States.ArrayRange: the step must not be 0");
        }
        ArrayNode out = mapper.createArrayNode();
        for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
            out.add(i);
            if (out.size() > 1000) {
                throw failure("States.ArrayRange: at most 1000 items");
            }
        }
        return out;
    }

    private static JsonNode item(ArrayNode array, long index) throws StatesError {
        if (index < 0 || index >= array.size()) {
            throw failure("States.ArrayGetItem: index " + index + " is out of bounds");
        }
        return array.get((int) index);
    }

    private JsonNode unique(ArrayNode array) {
        Set<JsonNode> seen = new LinkedHashSet<>();
        array.forEach(seen::add);
        return mapper.createArrayNode().addAll(seen);
    }

    private static String decode(String base64) throws StatesError {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw failure("States.Base64Decode: invalid base64 " + base64);
        }
    }

    private String hash(JsonNode data, String algorithm) throws StatesError {
        String java = switch (algorithm) {
            case "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512" -> algorithm;
            default -> throw failure("States.Hash: unsupported algorithm " + algorithm);
        };
        String input = data.isTextual() ? data.asText() : write(data);
        try {
            byte[] digest = MessageDigest.getInstance(java).digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw failure("States.Hash: " + e.getMessage());
        }
    }

    private JsonNode merge(List<JsonNode> args, String name) throws StatesError {
        JsonNode left = arg(args, 0, name);
        JsonNode right = arg(args, 1, name);
        JsonNode deep = arg(args, 2, name);
        if (!left.isObject() || !right.isObject()) {
            throw failure("States.JsonMerge merges two objects");
        }
        if (!deep.isBoolean() || deep.asBoolean()) {
            throw failure("States.JsonMerge supports only a shallow merge (the third argument must be false)");
        }
        ObjectNode out = left.deepCopy();
        out.setAll((ObjectNode) right.deepCopy());
        return out;
    }

    private JsonNode random(List<JsonNode> args, String name) throws StatesError {
        long start = integer(args, 0, name);
        long end = integer(args, 1, name);
        if (end <= start) {
            throw failure("States.MathRandom: the end must be greater than the start");
        }
        Random random = args.size() > 2 ? new Random(integer(args, 2, name)) : ThreadLocalRandom.current();
        return mapper.getNodeFactory().numberNode(start + (long) (random.nextDouble() * (end - start)));
    }

    private JsonNode split(String value, String delimiters) {
        ArrayNode out = mapper.createArrayNode();
        StringBuilder current = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (delimiters.indexOf(c) >= 0) {
                if (current.length() > 0) {
                    out.add(current.toString());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    private static JsonNode arg(List<JsonNode> args, int index, String name) throws StatesError {
        if (index >= args.size()) {
            throw failure(name + " needs at least " + (index + 1) + " arguments");
        }
        JsonNode value = args.get(index);
        return value == null ? NullNode.getInstance() : value;
    }

    private static String text(List<JsonNode> args, int index, String name) throws StatesError {
        JsonNode value = arg(args, index, name);
        if (!value.isTextual()) {
            throw failure(name + ": argument " + (index + 1) + " must be a string, got " + value);
        }
        return value.asText();
    }

    private static ArrayNode array(List<JsonNode> args, int index, String name) throws StatesError {
        JsonNode value = arg(args, index, name);
        if (!value.isArray()) {
            throw failure(name + ": argument " + (index + 1) + " must be an array, got " + value);
        }
        return (ArrayNode) value;
    }

    private static long integer(List<JsonNode> args, int index, String name) throws StatesError {
        JsonNode value = arg(args, index, name);
        if (!value.isNumber() || value.asDouble() != Math.rint(value.asDouble())) {
            throw failure(name + ": argument " + (index + 1) + " must be an integer, got " + value);
        }
        return value.asLong();
    }
}
