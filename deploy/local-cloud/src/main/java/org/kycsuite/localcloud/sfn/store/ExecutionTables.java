package org.kycsuite.localcloud.sfn.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The H2 tables behind {@link SfnStore}: journaled executions written by key (writing the same change
 * twice is harmless), and their history read back.
 */
final class ExecutionTables {

    private ExecutionTables() {
    }

    static void write(Connection connection, Map<String, ExecutionJournal.Unflushed> batch,
                      Map<String, String> batchDefinitions) throws SQLException {
        if (!batchDefinitions.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "MERGE INTO sfn_definition (ref, text) KEY (ref) VALUES (?, ?)")) {
                for (Map.Entry<String, String> definition : batchDefinitions.entrySet()) {
                    statement.setString(1, definition.getKey());
                    statement.setString(2, definition.getValue());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        writeExecutions(connection, batch, true);
        writeExecutions(connection, batch, false);
        // One row per execution per flush (its new events as a JSON array), keyed by the first event's id:
        // replaying a journal segment whose flush committed writes the same row again.
        try (PreparedStatement statement = connection.prepareStatement("MERGE INTO sfn_history_chunk "
                + "(execution_arn, first_id, last_id, doc) KEY (execution_arn, first_id) VALUES (?, ?, ?, ?)")) {
            for (ExecutionJournal.Unflushed execution : batch.values()) {
                List<ExecutionJournal.Event> events = execution.events();
                if (events.isEmpty()) {
                    continue;
                }
                StringBuilder doc = new StringBuilder(events.size() * 512).append('[');
                for (ExecutionJournal.Event event : events) {
                    doc.append(doc.length() == 1 ? "" : ",").append(event.doc());
                }
                statement.setString(1, execution.row().arn());
                statement.setLong(2, events.get(0).id());
                statement.setLong(3, events.get(events.size() - 1).id());
                statement.setString(4, doc.append(']').toString());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Inserts the fresh executions' rows, or merges the others' (which may be in the table). */
    private static void writeExecutions(Connection connection, Map<String, ExecutionJournal.Unflushed> batch,
                                        boolean fresh) throws SQLException {
        String sql = (fresh ? "INSERT INTO sfn_execution " : "MERGE INTO sfn_execution ")
                + "(arn, state_machine_arn, name, status, start_ms, stop_ms, doc) " + (fresh ? "" : "KEY (arn) ")
                + "VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (ExecutionJournal.Unflushed execution : batch.values()) {
                if (execution.fresh() != fresh) {
                    continue;
                }
                ExecutionJournal.Row row = execution.row();
                statement.setString(1, row.arn());
                statement.setString(2, row.stateMachineArn());
                statement.setString(3, row.name());
                statement.setString(4, row.status());
                statement.setLong(5, row.startMillis());
                if (row.stopMillis() == null) {
                    statement.setNull(6, Types.BIGINT);
                } else {
                    statement.setLong(6, row.stopMillis());
                }
                statement.setString(7, row.doc());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Every history event of {@code arn}, in id order: rows of one event, and chunks of several. */
    static List<ObjectNode> history(Connection connection, String arn, ObjectMapper mapper) throws SQLException {
        List<ObjectNode> events = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT doc FROM sfn_history WHERE execution_arn = ? ORDER BY id")) {
            statement.setString(1, arn);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add((ObjectNode) parse(mapper, rows.getString(1)));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT doc FROM sfn_history_chunk WHERE execution_arn = ? ORDER BY first_id")) {
            statement.setString(1, arn);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    parse(mapper, rows.getString(1)).forEach(event -> events.add((ObjectNode) event));
                }
            }
        }
        events.sort(Comparator.comparingLong(event -> event.path("id").asLong()));
        return events;
    }

    /** The id of the execution's last history event (0 when it has none). */
    static long lastEventId(Connection connection, String arn) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM sfn_history WHERE execution_arn = ?), "
                        + "(SELECT COALESCE(MAX(last_id), 0) FROM sfn_history_chunk WHERE execution_arn = ?))")) {
            statement.setString(1, arn);
            statement.setString(2, arn);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static JsonNode parse(ObjectMapper mapper, String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt stored history: " + e.getOriginalMessage(), e);
        }
    }

    /** Closes the execution's waiting task tokens. */
    static int closeTokens(Connection connection, String arn) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE sfn_task SET status = 'CLOSED' WHERE execution_arn = ? AND status = 'WAITING'")) {
            statement.setString(1, arn);
            return statement.executeUpdate();
        }
    }
}
