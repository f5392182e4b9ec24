package org.kycsuite.localcloud.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.kycsuite.localcloud.template.ProvisionedResource;
import org.kycsuite.localcloud.template.ResourceProvisioner;

/**
 * {@code AWS::Serverless::StateMachine} and {@code AWS::StepFunctions::StateMachine}: the definition from
 * {@code DefinitionUri} (relative to the template), {@code Definition} or {@code DefinitionString}, with
 * {@code DefinitionSubstitutions} applied to {@code ${Name}} placeholders as CloudFormation does.
 */
public final class StateMachineProvisioner implements ResourceProvisioner {

    private static final String DEFAULT_ROLE = "arn:aws:iam::000000000000:role/local-step-functions";

    private final StateMachines stateMachines;

    public StateMachineProvisioner(StateMachines stateMachines) {
        this.stateMachines = stateMachines;
    }

    @Override
    public String provision(ProvisionedResource resource) {
        JsonNode properties = resource.properties();
        String definition = definition(resource);
        JsonNode substitutions = properties.path("DefinitionSubstitutions");
        Iterator<Map.Entry<String, JsonNode>> fields = substitutions.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            definition = definition.replace("${" + field.getKey() + "}", field.getValue().asText());
        }
        String role = properties.hasNonNull("Role") ? properties.get("Role").asText()
                : properties.path("RoleArn").asText(DEFAULT_ROLE);
        boolean existed = stateMachines.find(resource.arn()).isPresent();
        stateMachines.put(resource.name(), definition, role);
        return (existed ? "updated " : "created ") + resource.arn();
    }

    private static String definition(ProvisionedResource resource) {
        JsonNode properties = resource.properties();
        if (properties.hasNonNull("DefinitionUri")) {
            JsonNode uri = properties.get("DefinitionUri");
            if (!uri.isTextual()) {
                throw new IllegalArgumentException("DefinitionUri as an S3 location is not supported locally; "
                        + "use a path relative to the template");
            }
            Path file = resource.templateDirectory().resolve(uri.asText());
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read DefinitionUri " + file, e);
            }
        }
        if (properties.hasNonNull("DefinitionString")) {
            return properties.get("DefinitionString").asText();
        }
        if (properties.path("Definition").isObject()) {
            return properties.get("Definition").toString();
        }
        throw new IllegalArgumentException("A state machine needs DefinitionUri, Definition or DefinitionString");
    }
}
