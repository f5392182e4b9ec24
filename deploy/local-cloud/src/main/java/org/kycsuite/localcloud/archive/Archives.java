package org.kycsuite.localcloud.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.kycsuite.localcloud.Arns;
import org.kycsuite.localcloud.bus.EventBuses;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.edge.Json;
import org.kycsuite.localcloud.edge.Pages;
import org.kycsuite.localcloud.rule.EventPatterns;
import org.kycsuite.localcloud.store.Database;
import org.kycsuite.localcloud.store.DocumentStore;
import software.amazon.event.ruler.GenericMachine;

/**
 * Event archives: the definitions (durable documents) and the archived events ({@link ArchivedEvents},
 * journaled before PutEvents answers, so an accepted event is archived exactly when it is accepted).
 */
public final class Archives implements AutoCloseable {

    private static final String KIND = "archive";
    private static final Pattern NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,48}");

    private final DocumentStore store;
    private final ArchivedEvents archived;
    private final ObjectMapper mapper;
    private final Arns arns;
    private final EventBuses buses;
    private final Map<String, ObjectNode> archives = new ConcurrentSkipListMap<>();
    private final Map<String, GenericMachine<String>> patterns = new ConcurrentHashMap<>();

    /** One event to archive. */
    public record ArchivedEvent(String archive, long ingestedAtMillis, String event) {
    }

    public Archives(DocumentStore store, Database database, Path dataDir, ObjectMapper mapper, Arns arns,
                    EventBuses buses) {
        this.store = store;
        this.archived = new ArchivedEvents(dataDir, database);
        this.mapper = mapper;
        this.arns = arns;
        this.buses = buses;
        store.all(KIND).values().forEach(this::remember);
    }

    public synchronized JsonNode create(JsonNode request) {
        String name = Json.required(request, "ArchiveName");
        if (!NAME.matcher(name).matches()) {
            throw AwsServiceException.validation("Archive name " + name + " is not valid.");
        }
        if (archives.containsKey(name)) {
            throw new AwsServiceException(400, "ResourceAlreadyExistsException", "Archive " + name
                    + " already exists.");
        }
        String source = Json.required(request, "EventSourceArn");
        buses.require(source);
        String pattern = Json.optional(request, "EventPattern");
        if (pattern != null) {
            EventPatterns.validate(pattern);
        }
        ObjectNode archive = mapper.createObjectNode().put("ArchiveName", name).put("ArchiveArn", arns.archive(name))
                .put("EventSourceArn", source).put("State", "ENABLED")
                .put("RetentionDays", request.path("RetentionDays").asInt(0))
                .put("CreationTime", Json.epochSeconds(Instant.now()));
        if (pattern != null) {
            archive.put("EventPattern", pattern);
        }
        if (request.hasNonNull("Description")) {
            archive.put("Description", request.get("Description").asText());
        }
        store.put(KIND, name, archive);
        remember(archive);
        return mapper.createObjectNode().put("ArchiveArn", archive.get("ArchiveArn").asText())
                .put("State", "ENABLED").put("CreationTime", archive.get("CreationTime").decimalValue());
    }

    public JsonNode describe(JsonNode request) {
        ObjectNode archive = require(Json.required(request, "ArchiveName")).deepCopy();
        long[] countAndSize = countAndSize(archive.get("ArchiveName").asText());
        archive.put("EventCount", countAndSize[0]).put("SizeBytes", countAndSize[1]);
        return archive;
    }

    public JsonNode list(JsonNode request) {
        String prefix = request.path("NamePrefix").asText("");
        String source = request.path("EventSourceArn").asText("");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode archive : archives.values()) {
            if (archive.get("ArchiveName").asText().startsWith(prefix)
                    && (source.isEmpty() || source.equals(archive.get("EventSourceArn").asText()))) {
                ObjectNode summary = archive.deepCopy();
                summary.remove("ArchiveArn");
                summary.remove("EventPattern");
                summary.remove("Description");
                long[] countAndSize = countAndSize(archive.get("ArchiveName").asText());
                summary.put("EventCount", countAndSize[0]).put("SizeBytes", countAndSize[1]);
                matching.add(summary);
            }
        }
        ObjectNode response = mapper.createObjectNode();
        Pages.page(request, matching, response, "Archives");
        return response;
    }

    public synchronized void delete(JsonNode request) {
        String name = require(Json.required(request, "ArchiveName")).get("ArchiveName").asText();
        archived.deleteAll(name);
        store.delete(KIND, name);
        archives.remove(name);
        patterns.remove(name);
    }

    /** The archive named by {@code arn}, or ResourceNotFoundException. */
    public ObjectNode requireByArn(String arn) {
        return require(Arns.resourceName(arn));
    }

    /** The archives on bus {@code busName} that keep {@code event}. */
    public List<String> matching(String busName, String event) {
        List<String> names = new ArrayList<>();
        for (ObjectNode archive : archives.values()) {
            if (!Arns.busName(archive.get("EventSourceArn").asText()).equals(busName)) {
                continue;
            }
            GenericMachine<String> machine = patterns.get(archive.get("ArchiveName").asText());
            try {
                if (machine == null || !machine.rulesForJSONEvent(event).isEmpty()) {
                    names.add(archive.get("ArchiveName").asText());
                }
            } catch (Exception e) {
                throw new IllegalArgumentException("Event is not valid JSON", e);
            }
        }
        return names;
    }

    /** Archives copies of accepted events; returns once they would survive a crash of the process. */
    public void record(List<ArchivedEvent> events) {
        archived.record(events);
    }

    /** Archived events with {@code fromMillis <= ingested < toMillis}, after row {@code afterId}, in order. */
    public List<StoredEvent> events(String archive, long fromMillis, long toMillis, long afterId, int limit) {
        return archived.events(archive, fromMillis, toMillis, afterId, limit);
    }

    /** An archived event row. */
    public record StoredEvent(long id, long ingestedAtMillis, String event) {
    }

    private ObjectNode require(String name) {
        ObjectNode archive = archives.get(name);
        if (archive == null) {
            throw AwsServiceException.notFound("Archive " + name + " does not exist.");
        }
        return archive;
    }

    private long[] countAndSize(String name) {
        return archived.countAndSize(name);
    }

    @Override
    public void close() {
        archived.close();
    }

    private void remember(ObjectNode archive) {
        String name = archive.get("ArchiveName").asText();
        archives.put(name, archive);
        if (archive.hasNonNull("EventPattern")) {
            GenericMachine<String> machine = new GenericMachine<>();
            try {
                machine.addRule(name, archive.get("EventPattern").asText());
            } catch (IOException e) {
                throw AwsServiceException.validation("Stored archive pattern is not valid: " + e.getMessage());
            }
            patterns.put(name, machine);
        }
    }
}
