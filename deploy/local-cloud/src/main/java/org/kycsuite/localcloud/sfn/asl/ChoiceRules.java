package org.kycsuite.localcloud.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.regex.Pattern;

/** Evaluates Choice rules: every comparison operator and its Path form, And/Or/Not, the Is* tests. */
final class ChoiceRules {

    private final Paths paths;

    ChoiceRules(Paths paths) {
        this.paths = paths;
    }

    boolean matches(JsonNode rule, JsonNode input, JsonNode context) throws StatesError {
        if (rule.has("And")) {
            for (JsonNode child : rule.get("And")) {
                if (!matches(child, input, context)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode child : rule.get("Or")) {
                if (matches(child, input, context)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input, context);
        }
        String variable = rule.path("Variable").asText();
        String operator = operator(rule);
        JsonNode operand = rule.get(operator);
        if ("IsPresent".equals(operator)) {
            return paths.present(variable, input, context) == operand.asBoolean();
        }
        JsonNode value = paths.read(variable, input, context);
        if (operator.endsWith("Path")) {
            operand = paths.read(operand.asText(), input, context);
            operator = operator.substring(0, operator.length() - 4);
        }
        return compare(operator, value, operand);
    }

    static String operator(JsonNode rule) throws StatesError {
        Iterator<String> names = rule.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!"Variable".equals(name) && !"Next".equals(name) && !"Comment".equals(name)
                    && !"Assign".equals(name) && !"Output".equals(name)) {
                return name;
            }
        }
        throw StatesError.runtime("A Choice rule has no comparison operator: " + rule);
    }

    private static boolean compare(String operator, JsonNode value, JsonNode operand) throws StatesError {
        boolean expected = operand.asBoolean();
        switch (operator) {
            case "IsNull":
                return value.isNull() == expected;
            case "IsNumeric":
                return value.isNumber() == expected;
            case "IsString":
                return value.isTextual() == expected;
            case "IsBoolean":
                return value.isBoolean() == expected;
            case "IsTimestamp":
                return (timestamp(value) != null) == expected;
            case "StringMatches":
                return value.isTextual() && wildcard(operand.asText()).matcher(value.asText()).matches();
            case "BooleanEquals":
                return value.isBoolean() && operand.isBoolean() && value.asBoolean() == operand.asBoolean();
            default:
                break;
        }
        int cmp;
        String kind;
        if (operator.startsWith("String")) {
            if (!value.isTextual() || !operand.isTextual()) {
                return false;
            }
            cmp = value.asText().compareTo(operand.asText());
            kind = operator.substring(6);
        } else if (operator.startsWith("Numeric")) {
            if (!value.isNumber() || !operand.isNumber()) {
                return false;
            }
            cmp = value.decimalValue().compareTo(operand.decimalValue());
            kind = operator.substring(7);
        } else if (operator.startsWith("Timestamp")) {
            OffsetDateTime left = timestamp(value);
            OffsetDateTime right = timestamp(operand);
            if (left == null || right == null) {
                return false;
            }
            cmp = left.toInstant().compareTo(right.toInstant());
            kind = operator.substring(9);
        } else {
            throw StatesError.runtime("Unknown Choice operator " + operator);
        }
        return switch (kind) {
            case "Equals" -> cmp == 0;
            case "LessThan" -> cmp < 0;
            case "GreaterThan" -> cmp > 0;
            case "LessThanEquals" -> cmp <= 0;
            case "GreaterThanEquals" -> cmp >= 0;
            default -> throw StatesError.runtime("Unknown Choice operator " + operator);
        };
    }

    private static OffsetDateTime timestamp(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** StringMatches: {@code *} is any run of characters, {@code \*} and {@code \\} are literals. */
    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
