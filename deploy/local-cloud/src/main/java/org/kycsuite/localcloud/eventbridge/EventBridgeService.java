package org.kycsuite.localcloud.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.kycsuite.localcloud.archive.Archives;
import org.kycsuite.localcloud.bus.EventBuses;
import org.kycsuite.localcloud.edge.AwsJsonService;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.edge.Json;
import org.kycsuite.localcloud.rule.EventPatterns;
import org.kycsuite.localcloud.rule.Rules;

/** EventBridge on the edge: {@code X-Amz-Target: AWSEvents.<Operation>}, AWS JSON 1.1. */
public final class EventBridgeService implements AwsJsonService {

    private final ObjectMapper mapper;
    private final EventBuses buses;
    private final Rules rules;
    private final EventIngestion ingestion;
    private final Archives archives;
    private final Replays replays;

    public EventBridgeService(ObjectMapper mapper, EventBuses buses, Rules rules, EventIngestion ingestion,
                              Archives archives, Replays replays) {
        this.mapper = mapper;
        this.buses = buses;
        this.rules = rules;
        this.ingestion = ingestion;
        this.archives = archives;
        this.replays = replays;
    }

    @Override
    public String targetPrefix() {
        return "AWSEvents";
    }

    @Override
    public String contentType() {
        return "application/x-amz-json-1.1";
    }

    @Override
    public JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "PutEvents" -> ingestion.putEvents(request);
            case "CreateEventBus" -> buses.create(request);
            case "DescribeEventBus" -> buses.describe(request);
            case "ListEventBuses" -> buses.list(request);
            case "DeleteEventBus" -> deleteEventBus(request);
            case "PutRule" -> rules.putRule(request);
            case "DescribeRule" -> rules.describeRule(request);
            case "ListRules" -> rules.listRules(request);
            case "EnableRule" -> empty(() -> rules.setState(request, "ENABLED"));
            case "DisableRule" -> empty(() -> rules.setState(request, "DISABLED"));
            case "DeleteRule" -> empty(() -> rules.deleteRule(request));
            case "PutTargets" -> rules.putTargets(request);
            case "RemoveTargets" -> rules.removeTargets(request);
            case "ListTargetsByRule" -> rules.listTargetsByRule(request);
            case "TestEventPattern" -> testEventPattern(request);
            case "CreateArchive" -> archives.create(request);
            case "DescribeArchive" -> archives.describe(request);
            case "ListArchives" -> archives.list(request);
            case "DeleteArchive" -> empty(() -> archives.delete(request));
            case "StartReplay" -> replays.start(request);
            case "DescribeReplay" -> replays.describe(request);
            default -> throw AwsServiceException.unknownOperation(operation);
        };
    }

    private JsonNode deleteEventBus(JsonNode request) {
        String name = Json.required(request, "Name");
        if (buses.exists(name) && !"default".equals(name)) {
            rules.deleteAllOn(name);
        }
        buses.delete(name);
        return mapper.createObjectNode();
    }

    private JsonNode testEventPattern(JsonNode request) {
        String pattern = Json.required(request, "EventPattern");
        String event = Json.required(request, "Event");
        EventPatterns.validate(pattern);
        try {
            if (!mapper.readTree(event).isObject()) {
                throw AwsServiceException.validation("Parameter Event is not valid: it must be a JSON object.");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw AwsServiceException.validation("Parameter Event is not valid JSON.");
        }
        return mapper.createObjectNode().put("Result", EventPatterns.matches(pattern, event));
    }

    private JsonNode empty(Runnable action) {
        action.run();
        return mapper.createObjectNode();
    }
}
