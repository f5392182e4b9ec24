package org.kycsuite.localcloud.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kycsuite.localcloud.Arns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions a SAM/CloudFormation template into the local cloud: resources in dependency order
 * (every {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub} reference and {@code DependsOn} first), each
 * by the provisioner registered for its type, one log line per resource.
 */
public final class TemplateProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateProvisioner.class);
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([^!}][^}.]*)");
    public static final String DEFAULT_STACK_NAME = "kyc-suite-local";

    private final ObjectMapper mapper;
    private final Arns arns;
    private final Map<String, String> parameters;
    private final ResourceProvisioners provisioners;
    private final String queueUrlPrefix;

    public TemplateProvisioner(ObjectMapper mapper, Arns arns, Map<String, String> parameters,
                               ResourceProvisioners provisioners, String queueUrlPrefix) {
        this.mapper = mapper;
        this.arns = arns;
        this.parameters = parameters;
        this.provisioners = provisioners;
        this.queueUrlPrefix = queueUrlPrefix;
    }

    /** Reads and provisions {@code templatePath}; returns the loaded template for later lookups. */
    public Template provision(Path templatePath) {
        JsonNode document;
        try {
            document = TemplateYaml.read(templatePath, mapper);
        } catch (IOException | RuntimeException e) {
            throw new TemplateException("Cannot read template " + templatePath + ": " + e.getMessage(), e);
        }
        String stackName = parameters.getOrDefault("AWS::StackName", DEFAULT_STACK_NAME);
        Template template = new Template(document, parameters, arns, stackName, queueUrlPrefix);
        Path directory = templatePath.toAbsolutePath().getParent();
        for (String logicalId : order(template)) {
            JsonNode resource = template.resources().get(logicalId);
            String type = resource.path("Type").asText();
            Optional<ResourceProvisioner> provisioner = provisioners.forType(type);
            if (provisioner.isEmpty()) {
                LOG.info("{} ({}): skipped, not provisioned locally", logicalId, type);
                continue;
            }
            try {
                JsonNode properties = template.resolve(resource.path("Properties").isObject()
                        ? resource.get("Properties") : mapper.createObjectNode());
                ProvisionedResource ready = new ProvisionedResource(logicalId, type, properties,
                        template.attributesOf(logicalId), directory);
                LOG.info("{} ({}): {}", logicalId, type, provisioner.get().provision(ready));
            } catch (RuntimeException e) {
                throw new TemplateException("Cannot provision " + logicalId + " (" + type + "): " + e.getMessage(), e);
            }
        }
        return template;
    }

    /** Resources so that everything a resource refers to comes before it. */
    private static List<String> order(Template template) {
        Set<String> ordered = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        template.resources().fieldNames().forEachRemaining(id -> visit(template, id, ordered, visiting));
        return new ArrayList<>(ordered);
    }

    private static void visit(Template template, String id, Set<String> ordered, Set<String> visiting) {
        if (ordered.contains(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw new TemplateException("Circular dependency through resource " + id);
        }
        Set<String> references = new LinkedHashSet<>();
        JsonNode resource = template.resources().get(id);
        collect(resource.path("Properties"), references);
        JsonNode dependsOn = resource.path("DependsOn");
        if (dependsOn.isTextual()) {
            references.add(dependsOn.asText());
        }
        dependsOn.forEach(dependency -> references.add(dependency.asText()));
        for (String reference : references) {
            if (template.resources().has(reference) && !reference.equals(id)) {
                visit(template, reference, ordered, visiting);
            }
        }
        visiting.remove(id);
        ordered.add(id);
    }

    private static void collect(JsonNode node, Set<String> references) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                switch (field.getKey()) {
                    case "Ref" -> references.add(field.getValue().asText());
                    case "Fn::GetAtt" -> references.add(field.getValue().path(0).asText());
                    case "Fn::Sub" -> {
                        JsonNode text = field.getValue().isArray() ? field.getValue().get(0) : field.getValue();
                        Matcher matcher = SUB_REFERENCE.matcher(text.asText());
                        while (matcher.find()) {
                            references.add(matcher.group(1).trim());
                        }
                        collect(field.getValue(), references);
                    }
                    default -> collect(field.getValue(), references);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, references));
        }
    }
}
