package org.kycsuite.localcloud.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kycsuite.localcloud.Arns;

/**
 * A loaded template: its parameters and resources, and the intrinsic functions over them
 * ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select},
 * {@code Fn::Split}) with the pseudo parameters. Attributes are computed the way CloudFormation
 * defines them per resource type (see {@link ResourceAttributes}).
 */
public final class Template {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode resources;
    private final Map<String, String> parameters = new HashMap<>();
    private final Arns arns;
    private final String queueUrlPrefix;
    private final Map<String, Map<String, String>> attributes = new HashMap<>();
    private final Set<String> computing = new HashSet<>();

    /**
     * @param queueUrlPrefix what precedes a queue name in its URL here (the SQS endpoint and account)
     */
    public Template(JsonNode document, Map<String, String> overrides, Arns arns, String stackName,
                    String queueUrlPrefix) {
        this.queueUrlPrefix = queueUrlPrefix;
        this.resources = document.path("Resources").isObject() ? (ObjectNode) document.get("Resources")
                : NODES.objectNode();
        this.arns = arns;
        document.path("Parameters").fields().forEachRemaining(parameter -> {
            String name = parameter.getKey();
            if (overrides.containsKey(name)) {
                parameters.put(name, overrides.get(name));
            } else if (parameter.getValue().has("Default")) {
                parameters.put(name, parameter.getValue().get("Default").asText());
            } else {
                throw new TemplateException("Parameter " + name + " has no Default and no override was given");
            }
        });
        parameters.put("AWS::Region", arns.region());
        parameters.put("AWS::AccountId", arns.accountId());
        parameters.put("AWS::StackName", stackName);
        parameters.put("AWS::Partition", arns.partition());
        parameters.put("AWS::URLSuffix", "amazonaws.com");
    }

    public ObjectNode resources() {
        return resources;
    }

    public Arns arns() {
        return arns;
    }

    String queueUrl(String queueName) {
        return queueUrlPrefix + queueName;
    }

    /** Resolves every intrinsic function in {@code value}. */
    public JsonNode resolve(JsonNode value) {
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            value.forEach(item -> {
                JsonNode resolved = resolve(item);
                if (resolved != null) {
                    out.add(resolved);
                }
            });
            return out;
        }
        if (!value.isObject()) {
            return value;
        }
        if (value.size() == 1) {
            String key = value.fieldNames().next();
            if ("Ref".equals(key) || key.startsWith("Fn::")) {
                return function(key, value.get(key));
            }
        }
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode resolved = resolve(field.getValue());
            if (resolved != null) {
                out.set(field.getKey(), resolved);
            }
        }
        return out;
    }

    private JsonNode function(String name, JsonNode argument) {
        return switch (name) {
            case "Ref" -> "AWS::NoValue".equals(argument.asText()) ? null : NODES.textNode(ref(argument.asText()));
            case "Fn::GetAtt" -> NODES.textNode(getAtt(argument.get(0).asText(), resolve(argument.get(1)).asText()));
            case "Fn::Sub" -> NODES.textNode(sub(argument));
            case "Fn::Join" -> NODES.textNode(join(argument));
            case "Fn::Select" -> resolve(argument.get(1)).get(resolve(argument.get(0)).asInt());
            case "Fn::Split" -> split(argument);
            default -> throw new TemplateException(name + " is not supported by the local cloud's provisioner");
        };
    }

    /** What {@code Ref} gives for a parameter, pseudo parameter or resource. */
    public String ref(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        return attributesOf(name).get("Ref");
    }

    public String getAtt(String logicalId, String attribute) {
        String value = attributesOf(logicalId).get(attribute);
        if (value == null) {
            throw new TemplateException("Resource " + logicalId + " has no attribute " + attribute + " locally");
        }
        return value;
    }

    /** The attributes of a resource ({@code Ref}, {@code Arn}, {@code Name}, ...), computed once. */
    public Map<String, String> attributesOf(String logicalId) {
        Map<String, String> known = attributes.get(logicalId);
        if (known != null) {
            return known;
        }
        JsonNode resource = resources.get(logicalId);
        if (resource == null) {
            throw new TemplateException("Unknown resource or parameter: " + logicalId);
        }
        if (!computing.add(logicalId)) {
            throw new TemplateException("Circular reference through resource " + logicalId);
        }
        try {
            Map<String, String> computed = ResourceAttributes.of(this, logicalId, resource.path("Type").asText(),
                    resource.path("Properties"));
            attributes.put(logicalId, computed);
            return computed;
        } finally {
            computing.remove(logicalId);
        }
    }

    private String sub(JsonNode argument) {
        String text = argument.isArray() ? argument.get(0).asText() : argument.asText();
        Map<String, String> variables = new HashMap<>();
        if (argument.isArray() && argument.size() > 1) {
            argument.get(1).fields().forEachRemaining(variable ->
                    variables.put(variable.getKey(), resolve(variable.getValue()).asText()));
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(2).trim();
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = "${" + variable + "}";
            } else if (variables.containsKey(variable)) {
                replacement = variables.get(variable);
            } else if (variable.contains(".") && !parameters.containsKey(variable)) {
                replacement = getAtt(variable.substring(0, variable.indexOf('.')),
                        variable.substring(variable.indexOf('.') + 1));
            } else {
                replacement = ref(variable);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String join(JsonNode argument) {
        String delimiter = argument.get(0).asText();
        StringBuilder out = new StringBuilder();
        for (JsonNode part : resolve(argument.get(1))) {
            if (!out.isEmpty()) {
                out.append(delimiter);
            }
            out.append(part.asText());
        }
        return out.toString();
    }

    private JsonNode split(JsonNode argument) {
        ArrayNode parts = NODES.arrayNode();
        for (String part : resolve(argument.get(1)).asText().split(Pattern.quote(argument.get(0).asText()), -1)) {
            parts.add(part);
        }
        return parts;
    }
}
