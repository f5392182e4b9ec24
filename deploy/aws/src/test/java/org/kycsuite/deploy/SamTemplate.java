package org.kycsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kycsuite.localcloud.template.TemplateYaml;

/**
 * deploy/aws/template.yaml as CloudFormation reads it: short-form intrinsics ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}) in their long form, so tests can compare references structurally.
 */
final class SamTemplate {

    static final Path TEMPLATE = Path.of("template.yaml");
    static final Path WORKFLOW = Path.of("statemachines", "kyc-workflow.asl.json");
    static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;

    private SamTemplate(JsonNode document) {
        this.document = document;
    }

    static SamTemplate load() {
        try {
            return new SamTemplate(TemplateYaml.read(TEMPLATE, JSON));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode document() {
        return document;
    }

    JsonNode resource(String logicalId) {
        JsonNode resource = document.path("Resources").get(logicalId);
        if (resource == null) {
            throw new AssertionError("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    JsonNode properties(String logicalId) {
        return resource(logicalId).path("Properties");
    }

    /** Logical id → resource, for every resource of {@code type}. */
    Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        document.path("Resources").fields().forEachRemaining(resource -> {
            if (type.equals(resource.getValue().path("Type").asText())) {
                found.put(resource.getKey(), resource.getValue());
            }
        });
        return found;
    }

    /** Every IAM policy statement anywhere in the template (role policies, trust policies, queue policies). */
    List<JsonNode> policyStatements() {
        List<JsonNode> statements = new ArrayList<>();
        collectStatements(document.path("Resources"), statements);
        return statements;
    }

    private static void collectStatements(JsonNode node, List<JsonNode> statements) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ("Statement".equals(field.getKey())) {
                    if (field.getValue().isArray()) {
                        field.getValue().forEach(statements::add);
                    } else {
                        statements.add(field.getValue());
                    }
                } else {
                    collectStatements(field.getValue(), statements);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectStatements(item, statements));
        }
    }

    static JsonNode ref(String logicalId) {
        return JSON.createObjectNode().put("Ref", logicalId);
    }

    static JsonNode getAtt(String logicalId, String attribute) {
        JsonNode node = JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode().add(logicalId)
                .add(attribute));
        return node;
    }
}
