package org.kycsuite.localcloud.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.kycsuite.localcloud.Arns;
import org.kycsuite.localcloud.EventPublisher;
import org.kycsuite.localcloud.archive.Archives;
import org.kycsuite.localcloud.bus.EventBuses;
import org.kycsuite.localcloud.delivery.Delivery;
import org.kycsuite.localcloud.delivery.DeliveryStore;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.edge.Json;
import org.kycsuite.localcloud.rule.MatchedRule;
import org.kycsuite.localcloud.rule.Rules;

/**
 * PutEvents: validates each entry on its own (one bad entry never fails the others), turns the good
 * ones into EventBridge events, and journals every archive copy and every delivery they owe before
 * answering — so an acknowledged event survives a crash.
 */
public final class EventIngestion implements EventPublisher {

    private static final int MAX_ENTRIES = 10;
    private static final int MAX_ENTRY_BYTES = 256 * 1024;

    private final ObjectMapper mapper;
    private final Arns arns;
    private final EventBuses buses;
    private final Rules rules;
    private final Archives archives;
    private final DeliveryStore deliveries;
    private final Consumer<List<Delivery>> onStored;

    /**
     * @param onStored receives the deliveries of each PutEvents once they are committed
     */
    public EventIngestion(ObjectMapper mapper, Arns arns, EventBuses buses, Rules rules,
                          Archives archives, DeliveryStore deliveries, Consumer<List<Delivery>> onStored) {
        this.mapper = mapper;
        this.arns = arns;
        this.buses = buses;
        this.rules = rules;
        this.archives = archives;
        this.deliveries = deliveries;
        this.onStored = onStored;
    }

    /** The {@code AWSEvents.PutEvents} operation. */
    public JsonNode putEvents(JsonNode request) {
        JsonNode entries = request.path("Entries");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw AwsServiceException.validation("1 validation error detected: Value at 'entries' failed to satisfy "
                    + "constraint: Member must have length between 1 and " + MAX_ENTRIES);
        }
        List<Entry> parsed = new ArrayList<>();
        for (JsonNode entry : entries) {
            List<String> resources = new ArrayList<>();
            entry.path("Resources").forEach(resource -> resources.add(resource.asText()));
            parsed.add(new Entry(Json.optional(entry, "Source"), Json.optional(entry, "DetailType"),
                    Json.optional(entry, "Detail"), Json.optional(entry, "EventBusName"),
                    Json.instant(entry.get("Time")), resources));
        }
        List<Result> results = putEvents(parsed);
        ObjectNode response = mapper.createObjectNode();
        response.put("FailedEntryCount", results.stream().filter(Result::failed).count());
        ArrayNode out = response.putArray("Entries");
        for (Result result : results) {
            ObjectNode entry = out.addObject();
            if (result.failed()) {
                entry.put("ErrorCode", result.errorCode()).put("ErrorMessage", result.errorMessage());
            } else {
                entry.put("EventId", result.eventId());
            }
        }
        return response;
    }

    @Override
    public List<Result> putEvents(List<Entry> entries) {
        Instant now = Instant.now();
        long nowMillis = now.toEpochMilli();
        List<Result> results = new ArrayList<>();
        List<Delivery> owed = new ArrayList<>();
        List<Archives.ArchivedEvent> archived = new ArrayList<>();
        for (Entry entry : entries) {
            Result problem = validate(entry);
            if (problem != null) {
                results.add(problem);
                continue;
            }
            String id = UUID.randomUUID().toString();
            String bus = Arns.busName(entry.eventBusName());
            String event = toEvent(id, entry, now).toString();
            owed.addAll(route(bus, event, List.of(), nowMillis));
            archives.matching(bus, event).forEach(archive ->
                    archived.add(new Archives.ArchivedEvent(archive, nowMillis, event)));
            results.add(new Result(id, null, null));
        }
        if (!owed.isEmpty() || !archived.isEmpty()) {
            archives.record(archived);
            deliveries.enqueue(owed);
            onStored.accept(owed);
        }
        return results;
    }

    /** Stores the deliveries a replayed event owes (replays are never archived again). */
    public void replay(String bus, List<String> events, Collection<String> filterArns) {
        long nowMillis = System.currentTimeMillis();
        List<Delivery> owed = new ArrayList<>();
        events.forEach(event -> owed.addAll(route(bus, event, filterArns, nowMillis)));
        if (!owed.isEmpty()) {
            deliveries.enqueue(owed);
            onStored.accept(owed);
        }
    }

    private List<Delivery> route(String bus, String event, Collection<String> filterArns, long nowMillis) {
        List<Delivery> owed = new ArrayList<>();
        for (MatchedRule rule : rules.matching(bus, event, filterArns)) {
            rule.targets().forEach(target -> owed.add(deliveries.newDelivery(rule.arn(), target.toString(),
                    event, nowMillis)));
        }
        return owed;
    }

    private Result validate(Entry entry) {
        if (isBlank(entry.source())) {
            return invalid("Parameter Source is not valid. Reason: Source is a required argument.");
        }
        if (isBlank(entry.detailType())) {
            return invalid("Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        }
        if (isBlank(entry.detail())) {
            return invalid("Parameter Detail is not valid. Reason: Detail is a required argument.");
        }
        if (size(entry) > MAX_ENTRY_BYTES) {
            return invalid("Event size exceeds the limit of 256 KB.");
        }
        try {
            if (!mapper.readTree(entry.detail()).isObject()) {
                return new Result(null, "MalformedDetail", "Detail is malformed.");
            }
        } catch (JsonProcessingException e) {
            return new Result(null, "MalformedDetail", "Detail is malformed.");
        }
        if (!buses.exists(entry.eventBusName())) {
            return new Result(null, "ResourceNotFoundException", "Event bus " + Arns.busName(entry.eventBusName())
                    + " does not exist.");
        }
        return null;
    }

    private ObjectNode toEvent(String id, Entry entry, Instant now) {
        Instant time = entry.time() == null ? now : entry.time();
        ObjectNode event = mapper.createObjectNode().put("version", "0").put("id", id)
                .put("detail-type", entry.detailType()).put("source", entry.source())
                .put("account", arns.accountId()).put("time", time.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", arns.region());
        ArrayNode resources = event.putArray("resources");
        entry.resources().forEach(resources::add);
        try {
            event.set("detail", mapper.readTree(entry.detail()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Detail was validated", e);
        }
        return event;
    }

    /** EventBridge counts the UTF-8 bytes of Source, DetailType, Detail and Resources (plus 14 for Time). */
    private static int size(Entry entry) {
        int size = 14 + bytes(entry.source()) + bytes(entry.detailType()) + bytes(entry.detail());
        for (String resource : entry.resources()) {
            size += bytes(resource);
        }
        return size;
    }

    private static int bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static Result invalid(String message) {
        return new Result(null, "InvalidArgument", message);
    }
}
