package org.kycsuite.localcloud.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.kycsuite.localcloud.rule.EventPatterns;
import org.kycsuite.localcloud.rule.Pages;
import org.kycsuite.localcloud.store.Database;
import org.kycsuite.localcloud.store.DocumentStore;
import software.amazon.event.ruler.GenericMachine;

/**
 * Event archives: the definitions (durable documents) and the archived events (an H2 table written
 * in the PutEvents transaction, so an accepted event is archived exactly when it is accepted).
 */
public final class Archives {

    private static final String KIND = "archive";
    private static final Pattern NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,48}");

    private final DocumentStore store;
    private final Database database;
    private final ObjectMapper mapper;
    private final Arns arns;
    private final EventBuses buses;
    private final Map<String, ObjectNode> archives = new ConcurrentSkipListMap<>();
    private final Map<String, GenericMachine<String>> patterns = new ConcurrentHashMap<>();

    /** One event to archive, written in the caller's transaction. */
    public record ArchivedEvent(String archive, long ingestedAtMillis, String event) {
    }

    public Archives(DocumentStore store, Database database, ObjectMapper mapper, Arns arns, EventBuses buses) {
        this.store = store;
        this.database = database;
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
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM archived_event WHERE archive = ?")) {
                statement.setString(1, name);
                return statement.executeUpdate();
            }
        });
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

    public void record(Connection connection, List<ArchivedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO archived_event (archive, ingested_at, event) VALUES (?, ?, ?)")) {
            for (ArchivedEvent event : events) {
                statement.setString(1, event.archive());
                statement.setLong(2, event.ingestedAtMillis());
                statement.setString(3, event.event());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Archived events with {@code fromMillis <= ingested < toMillis}, after row {@code afterId}, in order. */
    public List<StoredEvent> events(String archive, long fromMillis, long toMillis, long afterId, int limit) {
        return database.inTransaction(connection -> {
            List<StoredEvent> events = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, ingested_at, event "
                    + "FROM archived_event WHERE archive = ? AND ingested_at >= ? AND ingested_at < ? AND id > ? "
                    + "ORDER BY id LIMIT ?")) {
                statement.setString(1, archive);
                statement.setLong(2, fromMillis);
                statement.setLong(3, toMillis);
                statement.setLong(4, afterId);
                statement.setInt(5, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        events.add(new StoredEvent(rows.getLong(1), rows.getLong(2), rows.getString(3)));
                    }
                }
            }
            return events;
        });
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
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT COUNT(*), COALESCE(SUM(OCTET_LENGTH(event)), 0) FROM archived_event WHERE archive = ?")) {
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return new long[] {rows.getLong(1), rows.getLong(2)};
                }
            }
        });
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
