package org.kycsuite.localcloud.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.kycsuite.localcloud.Arns;

/**
 * What a target receives: the event, or what its {@code Input}, {@code InputPath} or
 * {@code InputTransformer} makes of it, following EventBridge's documented rules.
 *
 * <p>In an InputTemplate a placeholder inside a JSON string gets the value's text unescaped (so a
 * string goes in without quotes), and outside a string gets the value as JSON (so a string goes in
 * quoted). {@code <aws.events.event>} is the event without {@code detail}, {@code
 * <aws.events.event.json>} the whole event.
 */
public final class TargetInput {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Configuration PATHS = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private TargetInput() {
    }

    /** The body delivered to {@code target} for {@code event} matched by {@code ruleArn}. */
    public static String render(JsonNode target, ObjectNode event, String ruleArn, Instant ingestedAt) {
        if (target.hasNonNull("Input")) {
            return target.get("Input").asText();
        }
        if (target.hasNonNull("InputPath")) {
            JsonNode selected = select(event, target.get("InputPath").asText());
            return selected == null ? "null" : selected.toString();
        }
        JsonNode transformer = target.get("InputTransformer");
        if (transformer != null && !transformer.isNull()) {
            Map<String, JsonNode> values = new HashMap<>();
            transformer.path("InputPathsMap").fields().forEachRemaining(entry ->
                    values.put(entry.getKey(), select(event, entry.getValue().asText())));
            ObjectNode withoutDetail = event.deepCopy();
            withoutDetail.remove("detail");
            values.put("aws.events.rule-arn", event.textNode(ruleArn));
            values.put("aws.events.rule-name", event.textNode(Arns.resourceName(ruleArn)));
            values.put("aws.events.event.ingestion-time", event.textNode(ingestedAt.toString()));
            values.put("aws.events.event", withoutDetail);
            values.put("aws.events.event.json", event);
            return fill(transformer.get("InputTemplate").asText(), values);
        }
        return event.toString();
    }

    private static JsonNode select(JsonNode event, String path) {
        Object value = JsonPath.using(PATHS).parse(event).read(path);
        return value instanceof JsonNode node ? node : null;
    }

    static String fill(String template, Map<String, JsonNode> values) {
        StringBuilder out = new StringBuilder(template.length() * 2);
        boolean inString = false;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '"' && !escaped(template, i)) {
                inString = !inString;
            } else if (c == '<') {
                int end = template.indexOf('>', i);
                String name = end < 0 ? "" : template.substring(i + 1, end);
                if (VARIABLE.matcher(name).matches() && values.containsKey(name)) {
                    JsonNode value = values.get(name);
                    out.append(inString ? text(value) : json(value));
                    i = end + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean escaped(String text, int index) {
        int backslashes = 0;
        for (int j = index - 1; j >= 0 && text.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String json(JsonNode value) {
        return value == null ? "null" : value.toString();
    }
}
