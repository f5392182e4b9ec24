package org.kycsuite.localcloud.sfn.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kycsuite.localcloud.EventPublisher;
import org.kycsuite.localcloud.sfn.asl.StatesError;

/**
 * {@code arn:aws:states:::events:putEvents}: the entries go through the bus's own ingestion (same
 * validation, durability and routing as the API), with the execution's and state machine's ARNs
 * appended to Resources as AWS does. A failed entry fails the task with {@code EventBridge.FailedEntry}.
 */
public final class EventsIntegration {

    private final ObjectMapper mapper;
    private final EventPublisher publisher;

    public EventsIntegration(ObjectMapper mapper, EventPublisher publisher) {
        this.mapper = mapper;
        this.publisher = publisher;
    }

    public JsonNode putEvents(JsonNode parameters, String executionArn, String stateMachineArn) throws StatesError {
        JsonNode entries = parameters.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new StatesError("EventBridge.ValidationException", "Entries must be a non-empty array");
        }
        List<EventPublisher.Entry> requests = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode detail = entry.get("Detail");
            String detailText = detail == null || detail.isNull() ? null
                    : detail.isTextual() ? detail.asText() : detail.toString();
            List<String> resources = new ArrayList<>();
            entry.path("Resources").forEach(resource -> resources.add(resource.asText()));
            resources.add(stateMachineArn);
            resources.add(executionArn);
            Instant time = entry.hasNonNull("Time") ? Instant.parse(entry.get("Time").asText()) : null;
            requests.add(new EventPublisher.Entry(entry.path("Source").asText(null),
                    entry.path("DetailType").asText(null), detailText, entry.path("EventBusName").asText(null),
                    time, resources));
        }
        List<EventPublisher.Result> results = publisher.putEvents(requests);
        ObjectNode response = mapper.createObjectNode();
        ArrayNode out = response.putArray("Entries");
        int failed = 0;
        for (EventPublisher.Result result : results) {
            if (result.failed()) {
                failed++;
                out.addObject().put("ErrorCode", result.errorCode()).put("ErrorMessage", result.errorMessage());
            } else {
                out.addObject().put("EventId", result.eventId());
            }
        }
        response.put("FailedEntryCount", failed);
        if (failed > 0) {
            throw new StatesError("EventBridge.FailedEntry", response.toString());
        }
        return response;
    }
}
