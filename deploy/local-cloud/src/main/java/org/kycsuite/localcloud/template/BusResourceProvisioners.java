package org.kycsuite.localcloud.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kycsuite.localcloud.archive.Archives;
import org.kycsuite.localcloud.bus.EventBuses;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.rule.Rules;
import org.kycsuite.localcloud.sqs.SqsJsonClient;

/**
 * Provisioners for the bus's resource types: event buses, queues (with their redrive policy), rules
 * with their targets, archives. Each goes through the same code as the API, so the template can
 * declare nothing the API would refuse.
 */
public final class BusResourceProvisioners {

    /** CloudFormation queue properties that are SQS attributes of the same name. */
    private static final List<String> QUEUE_ATTRIBUTES = List.of("DelaySeconds", "MaximumMessageSize",
            "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "FifoQueue",
            "ContentBasedDeduplication");

    private final ObjectMapper mapper;
    private final EventBuses buses;
    private final Rules rules;
    private final Archives archives;
    private final SqsJsonClient sqs;

    private BusResourceProvisioners(ObjectMapper mapper, EventBuses buses, Rules rules, Archives archives,
                                    SqsJsonClient sqs) {
        this.mapper = mapper;
        this.buses = buses;
        this.rules = rules;
        this.archives = archives;
        this.sqs = sqs;
    }

    /** Registers the bus's provisioners, and the queue policy as knowingly skipped. */
    public static ResourceProvisioners register(ResourceProvisioners registry, ObjectMapper mapper,
                                                EventBuses buses, Rules rules, Archives archives, SqsJsonClient sqs) {
        BusResourceProvisioners provisioners = new BusResourceProvisioners(mapper, buses, rules, archives, sqs);
        return registry.register("AWS::Events::EventBus", provisioners::eventBus)
                .register("AWS::SQS::Queue", provisioners::queue)
                .register("AWS::Events::Rule", provisioners::rule)
                .register("AWS::Events::Archive", provisioners::archive)
                .register("AWS::SQS::QueuePolicy", resource -> "skipped, queue policies are IAM and not enforced "
                        + "locally");
    }

    private String eventBus(ProvisionedResource resource) {
        if (buses.exists(resource.name())) {
            return "event bus " + resource.name() + " exists";
        }
        buses.create(mapper.createObjectNode().put("Name", resource.name()));
        return "event bus " + resource.name() + " created";
    }

    private String queue(ProvisionedResource resource) {
        JsonNode properties = resource.properties();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : QUEUE_ATTRIBUTES) {
            if (properties.hasNonNull(attribute)) {
                attributes.put(attribute, properties.get(attribute).asText());
            }
        }
        if (properties.hasNonNull("RedrivePolicy")) {
            JsonNode policy = properties.get("RedrivePolicy");
            attributes.put("RedrivePolicy", policy.isTextual() ? policy.asText() : policy.toString());
        }
        sqs.createOrUpdateQueue(resource.name(), attributes);
        return "queue " + resource.name() + (attributes.containsKey("RedrivePolicy")
                ? " with redrive policy " + attributes.get("RedrivePolicy") : "");
    }

    private String rule(ProvisionedResource resource) {
        JsonNode properties = resource.properties();
        JsonNode pattern = properties.path("EventPattern");
        ObjectNode request = mapper.createObjectNode().put("Name", resource.name())
                .put("EventPattern", pattern.isTextual() ? pattern.asText() : pattern.toString())
                .put("State", properties.path("State").asText("ENABLED"));
        copy(properties, request, "EventBusName");
        copy(properties, request, "Description");
        copy(properties, request, "RoleArn");
        rules.putRule(request);
        ObjectNode existing = mapper.createObjectNode().put("Rule", resource.name());
        copy(properties, existing, "EventBusName");
        ArrayNode staleIds = mapper.createArrayNode();
        rules.listTargetsByRule(existing).path("Targets").forEach(target -> staleIds.add(target.get("Id")));
        if (!staleIds.isEmpty()) {
            existing.set("Ids", staleIds);
            rules.removeTargets(existing);
        }
        JsonNode targets = properties.path("Targets");
        if (!targets.isEmpty()) {
            ObjectNode put = mapper.createObjectNode().put("Rule", resource.name());
            copy(properties, put, "EventBusName");
            put.set("Targets", targets);
            JsonNode result = rules.putTargets(put);
            if (result.path("FailedEntryCount").asInt() > 0) {
                throw AwsServiceException.validation("Targets refused: " + result.path("FailedEntries"));
            }
        }
        return "rule " + resource.name() + " with " + targets.size() + " target(s)";
    }

    private String archive(ProvisionedResource resource) {
        String name = resource.name();
        try {
            archives.describe(mapper.createObjectNode().put("ArchiveName", name));
            return "archive " + name + " exists";
        } catch (AwsServiceException notFound) {
            ObjectNode request = mapper.createObjectNode().put("ArchiveName", name);
            copy(resource.properties(), request, "SourceArn", "EventSourceArn");
            copy(resource.properties(), request, "Description", "Description");
            copy(resource.properties(), request, "RetentionDays", "RetentionDays");
            JsonNode pattern = resource.properties().get("EventPattern");
            if (pattern != null && !pattern.isNull()) {
                request.put("EventPattern", pattern.isTextual() ? pattern.asText() : pattern.toString());
            }
            archives.create(request);
            return "archive " + name + " created";
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String member) {
        copy(from, to, member, member);
    }

    private static void copy(JsonNode from, ObjectNode to, String fromMember, String toMember) {
        if (from.hasNonNull(fromMember)) {
            to.set(toMember, from.get(fromMember));
        }
    }
}
