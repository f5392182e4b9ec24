package org.kycsuite.localcloud.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.kycsuite.localcloud.Arns;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.edge.Json;
import org.kycsuite.localcloud.edge.Pages;
import org.kycsuite.localcloud.store.DocumentStore;

/** The event buses: {@code default} always, custom ones from CreateEventBus or the template. Durable. */
public final class EventBuses {

    private static final String KIND = "bus";
    private static final Pattern NAME = Pattern.compile("[/\\.\\-_A-Za-z0-9]{1,256}");

    private final DocumentStore store;
    private final ObjectMapper mapper;
    private final Arns arns;
    private final Map<String, ObjectNode> buses = new ConcurrentSkipListMap<>();

    public EventBuses(DocumentStore store, ObjectMapper mapper, Arns arns) {
        this.store = store;
        this.mapper = mapper;
        this.arns = arns;
        buses.putAll(store.all(KIND));
        if (!buses.containsKey(Arns.DEFAULT_BUS)) {
            save(newBus(Arns.DEFAULT_BUS, null));
        }
    }

    public boolean exists(String nameOrArn) {
        return buses.containsKey(Arns.busName(nameOrArn));
    }

    /** The bus's name, or ResourceNotFoundException as EventBridge reports an unknown bus. */
    public String require(String nameOrArn) {
        String name = Arns.busName(nameOrArn);
        if (!buses.containsKey(name)) {
            throw AwsServiceException.notFound("Event bus " + name + " does not exist.");
        }
        return name;
    }

    public synchronized JsonNode create(JsonNode request) {
        String name = Json.required(request, "Name");
        if (!NAME.matcher(name).matches() || name.startsWith("aws.") || Arns.DEFAULT_BUS.equals(name)) {
            throw AwsServiceException.validation("Event bus name " + name + " is not valid.");
        }
        if (buses.containsKey(name)) {
            throw new AwsServiceException(400, "ResourceAlreadyExistsException", "Event bus " + name
                    + " already exists.");
        }
        ObjectNode bus = newBus(name, Json.optional(request, "Description"));
        save(bus);
        ObjectNode response = mapper.createObjectNode().put("EventBusArn", bus.get("Arn").asText());
        if (bus.has("Description")) {
            response.put("Description", bus.get("Description").asText());
        }
        return response;
    }

    public JsonNode describe(JsonNode request) {
        String name = require(Json.optional(request, "Name"));
        return buses.get(name).deepCopy();
    }

    public JsonNode list(JsonNode request) {
        String prefix = request.path("NamePrefix").asText("");
        List<ObjectNode> matching = new ArrayList<>();
        buses.values().stream().filter(bus -> bus.get("Name").asText().startsWith(prefix))
                .forEach(bus -> matching.add(bus.deepCopy()));
        ObjectNode response = mapper.createObjectNode();
        Pages.page(request, matching, response, "EventBuses");
        return response;
    }

    /** Deletes a custom bus; deleting an unknown bus succeeds, as on AWS. */
    public synchronized void delete(String name) {
        if (Arns.DEFAULT_BUS.equals(name)) {
            throw AwsServiceException.validation("Cannot delete event bus default.");
        }
        if (buses.remove(name) != null) {
            store.delete(KIND, name);
        }
    }

    private ObjectNode newBus(String name, String description) {
        Instant now = Instant.now();
        ObjectNode bus = mapper.createObjectNode().put("Name", name).put("Arn", arns.eventBus(name));
        if (description != null) {
            bus.put("Description", description);
        }
        bus.put("CreationTime", Json.epochSeconds(now));
        bus.put("LastModifiedTime", Json.epochSeconds(now));
        return bus;
    }

    private void save(ObjectNode bus) {
        String name = bus.get("Name").asText();
        store.put(KIND, name, bus);
        buses.put(name, bus);
    }
}
