package org.kycsuite.localcloud.sfn.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kycsuite.localcloud.store.Database;
import org.kycsuite.localcloud.store.GroupCommit;

/**
 * Executions, their history and task tokens in the local cloud's database. Each state transition
 * is one transaction (the cursor moves and its history events land together), so a crash resumes
 * from the last completed state.
 */
public final class SfnStore {

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS sfn_execution (
            arn VARCHAR(1024) PRIMARY KEY,
            state_machine_arn VARCHAR(1024) NOT NULL,
            name VARCHAR(256) NOT NULL,
            status VARCHAR(16) NOT NULL,
            start_ms BIGINT NOT NULL,
            stop_ms BIGINT,
            doc CHARACTER VARYING(10000000) NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS sfn_execution_machine ON sfn_execution (state_machine_arn, start_ms)",
        "CREATE INDEX IF NOT EXISTS sfn_execution_status ON sfn_execution (status)",
        """
        CREATE TABLE IF NOT EXISTS sfn_history (
            execution_arn VARCHAR(1024) NOT NULL,
            id BIGINT NOT NULL,
            doc CHARACTER VARYING(1000000) NOT NULL,
            PRIMARY KEY (execution_arn, id))""",
        """
        CREATE TABLE IF NOT EXISTS sfn_task (
            token VARCHAR(1024) PRIMARY KEY,
            execution_arn VARCHAR(1024) NOT NULL,
            state_name VARCHAR(256) NOT NULL,
            status VARCHAR(32) NOT NULL,
            timeout_at BIGINT,
            heartbeat_at BIGINT,
            heartbeat_seconds INT,
            result CHARACTER VARYING(1000000),
            error VARCHAR(256),
            cause CHARACTER VARYING(100000))""",
        "CREATE INDEX IF NOT EXISTS sfn_task_execution ON sfn_task (execution_arn)",
        """
        CREATE TABLE IF NOT EXISTS sfn_definition (
            ref VARCHAR(64) PRIMARY KEY,
            text CHARACTER VARYING(10000000) NOT NULL)""",
    };

    private static final String DEFINITION_REF = "definitionRef";
    private static final int MAX_CACHED_DEFINITIONS = 256;

    private final Database database;
    private final GroupCommit commits;
    private final Map<String, String> refs = new ConcurrentHashMap<>();
    private final Map<String, String> definitions = new ConcurrentHashMap<>();
    private final Set<String> storedRefs = ConcurrentHashMap.newKeySet();
    private final ObjectMapper mapper;

    public SfnStore(Database database, GroupCommit commits, ObjectMapper mapper) {
        this.database = database;
        this.commits = commits;
        this.mapper = mapper;
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : SCHEMA) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }

    /** Inserts a new execution with its first events; false when the ARN exists already. */
    public boolean insert(ExecutionRecord execution, List<ObjectNode> events) {
        String definition = execution.doc().path("definition").asText(null);
        String ref = definition == null ? null : definitionRef(definition);
        String json = writeExecution(execution.doc(), ref);
        boolean storeDefinition = ref != null && !storedRefs.contains(ref);
        boolean inserted = commits.write(connection -> {
            if (storeDefinition) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "MERGE INTO sfn_definition (ref, text) KEY (ref) VALUES (?, ?)")) {
                    statement.setString(1, ref);
                    statement.setString(2, definition);
                    statement.executeUpdate();
                }
            }
            // The transaction may be shared with other writers: a duplicate undoes only this insert.
            Savepoint before = connection.setSavepoint();
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO sfn_execution (arn, state_machine_arn, name, status, start_ms, stop_ms, doc) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                statement.setString(1, execution.arn());
                statement.setString(2, execution.stateMachineArn());
                statement.setString(3, execution.name());
                statement.setString(4, execution.status());
                statement.setLong(5, execution.startMillis());
                statement.setNull(6, Types.BIGINT);
                statement.setString(7, json);
                statement.executeUpdate();
            } catch (SQLException e) {
                if (e.getErrorCode() == org.h2.api.ErrorCode.DUPLICATE_KEY_1 || "23505".equals(e.getSQLState())) {
                    connection.rollback(before);
                    return false;
                }
                throw e;
            }
            insertEvents(connection, execution.arn(), events);
            return true;
        });
        if (storeDefinition) {
            // Committed now (whatever became of the insert): later executions of it skip the 12 KB write.
            storedRefs.add(ref);
        }
        return inserted;
    }

    /**
     * Moves a RUNNING execution on: new status/doc and its events in one transaction; when it stops
     * ({@code stopMillis} set), its waiting task tokens are closed too.
     *
     * @return false when the execution was no longer RUNNING (stopped meanwhile): nothing is written
     */
    public boolean update(String arn, String status, Long stopMillis, ObjectNode doc, List<ObjectNode> events) {
        String definition = doc.path("definition").asText(null);
        String json = writeExecution(doc, definition == null ? null : definitionRef(definition));
        return commits.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE sfn_execution SET status = ?, stop_ms = ?, doc = ? WHERE arn = ? AND status = 'RUNNING'")) {
                statement.setString(1, status);
                if (stopMillis == null) {
                    statement.setNull(2, Types.BIGINT);
                } else {
                    statement.setLong(2, stopMillis);
                }
                statement.setString(3, json);
                statement.setString(4, arn);
                if (statement.executeUpdate() == 0) {
                    return false;
                }
            }
            insertEvents(connection, arn, events);
            if (stopMillis != null) {
                // Its waiting task tokens close with it, in the same commit: a transaction of their own
                // made H2 store its pages once more per execution (15% of the local cloud's CPU under load).
                try (PreparedStatement statement = connection.prepareStatement(
                        "UPDATE sfn_task SET status = 'CLOSED' WHERE execution_arn = ? AND status = 'WAITING'")) {
                    statement.setString(1, arn);
                    statement.executeUpdate();
                }
            }
            return true;
        });
    }

    public Optional<ExecutionRecord> find(String arn) {
        List<ExecutionRecord> found = query("WHERE arn = ?", List.of(arn), 0, 1);
        return found.stream().findFirst();
    }

    /** Executions of a state machine, newest first, optionally with one status. */
    public List<ExecutionRecord> list(String stateMachineArn, String status, int offset, int limit) {
        return status == null
                ? query("WHERE state_machine_arn = ? ORDER BY start_ms DESC, arn", List.of(stateMachineArn), offset,
                        limit)
                : query("WHERE state_machine_arn = ? AND status = ? ORDER BY start_ms DESC, arn",
                        List.of(stateMachineArn, status), offset, limit);
    }

    public List<ExecutionRecord> running() {
        return query("WHERE status = 'RUNNING' ORDER BY start_ms", List.of(), 0, Integer.MAX_VALUE);
    }

    private List<ExecutionRecord> query(String where, List<String> args, int offset, int limit) {
        return database.inTransaction(connection -> {
            List<ExecutionRecord> out = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT arn, state_machine_arn, name, "
                    + "status, start_ms, stop_ms, doc FROM sfn_execution " + where + " LIMIT ? OFFSET ?")) {
                int i = 1;
                for (String arg : args) {
                    statement.setString(i++, arg);
                }
                statement.setInt(i++, limit);
                statement.setInt(i, offset);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long stop = rows.getLong(6);
                        Long stopMillis = rows.wasNull() ? null : stop;
                        out.add(new ExecutionRecord(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getLong(5), stopMillis,
                                readExecution(connection, rows.getString(7))));
                    }
                }
            }
            return out;
        });
    }

    /** History events in id order (or reverse), from {@code offset}. */
    public List<ObjectNode> history(String arn, boolean reverse, int offset, int limit) {
        return database.inTransaction(connection -> {
            List<ObjectNode> out = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT doc FROM sfn_history "
                    + "WHERE execution_arn = ? ORDER BY id " + (reverse ? "DESC" : "ASC") + " LIMIT ? OFFSET ?")) {
                statement.setString(1, arn);
                statement.setInt(2, limit);
                statement.setInt(3, offset);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(read(rows.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    public long lastEventId(String arn) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT COALESCE(MAX(id), 0) FROM sfn_history WHERE execution_arn = ?")) {
                statement.setString(1, arn);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private void insertEvents(Connection connection, String arn, List<ObjectNode> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "MERGE INTO sfn_history (execution_arn, id, doc) KEY (execution_arn, id) VALUES (?, ?, ?)")) {
            for (ObjectNode event : events) {
                statement.setString(1, arn);
                statement.setLong(2, event.path("id").asLong());
                statement.setString(3, write(event));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * An execution's document as stored: its definition (the same text for every execution of a
     * state machine version, and rewritten with every transition otherwise) is kept once in
     * {@code sfn_definition} and referenced by its SHA-256.
     */
    private String writeExecution(ObjectNode doc, String ref) {
        if (ref == null) {
            return write(doc);
        }
        JsonNode definition = doc.remove("definition");
        try {
            doc.put(DEFINITION_REF, ref);
            return write(doc);
        } finally {
            doc.remove(DEFINITION_REF);
            doc.set("definition", definition);
        }
    }

    private ObjectNode readExecution(Connection connection, String json) throws SQLException {
        ObjectNode doc = read(json);
        JsonNode ref = doc.remove(DEFINITION_REF);
        if (ref == null) {
            return doc;
        }
        String definition = definitions.get(ref.asText());
        if (definition == null) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT text FROM sfn_definition WHERE ref = ?")) {
                statement.setString(1, ref.asText());
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalStateException("Corrupt stored execution: definition " + ref.asText()
                                + " is missing");
                    }
                    definition = rows.getString(1);
                }
            }
            if (definitions.size() > MAX_CACHED_DEFINITIONS) {
                definitions.clear();
            }
            definitions.put(ref.asText(), definition);
        }
        doc.put("definition", definition);
        return doc;
    }

    private String definitionRef(String definition) {
        String known = refs.get(definition);
        if (known != null) {
            return known;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            String ref = HexFormat.of().formatHex(hash);
            if (refs.size() > MAX_CACHED_DEFINITIONS) {
                refs.clear();
            }
            refs.put(definition, ref);
            return ref;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    String write(ObjectNode doc) {
        try {
            return mapper.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    ObjectNode read(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt stored execution: " + e.getOriginalMessage(), e);
        }
    }

    Database database() {
        return database;
    }
}
