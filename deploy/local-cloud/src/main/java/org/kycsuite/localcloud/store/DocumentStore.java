package org.kycsuite.localcloud.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Durable definitions (buses, rules with their targets, archives, replays) as JSON documents.
 *
 * <p>Definitions are few and read on every event, so callers keep them in memory and write through
 * here; the documents are the API's own shapes, which keeps this table free of migrations.
 */
public final class DocumentStore {

    private final Database database;
    private final ObjectMapper mapper;

    public DocumentStore(Database database, ObjectMapper mapper) {
        this.database = database;
        this.mapper = mapper;
    }

    public void put(String kind, String id, ObjectNode doc) {
        String json = write(doc);
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "MERGE INTO resource_doc (kind, id, doc) KEY (kind, id) VALUES (?, ?, ?)")) {
                statement.setString(1, kind);
                statement.setString(2, id);
                statement.setString(3, json);
                return statement.executeUpdate();
            }
        });
    }

    public void delete(String kind, String id) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM resource_doc WHERE kind = ? AND id = ?")) {
                statement.setString(1, kind);
                statement.setString(2, id);
                return statement.executeUpdate();
            }
        });
    }

    /** Every document of {@code kind}, by id, in id order. */
    public Map<String, ObjectNode> all(String kind) {
        return database.inTransaction(connection -> {
            Map<String, ObjectNode> docs = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, doc FROM resource_doc WHERE kind = ? ORDER BY id")) {
                statement.setString(1, kind);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        docs.put(rows.getString(1), read(rows.getString(2)));
                    }
                }
            }
            return docs;
        });
    }

    private String write(ObjectNode doc) {
        try {
            return mapper.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private ObjectNode read(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt stored document: " + e.getOriginalMessage(), e);
        }
    }
}
