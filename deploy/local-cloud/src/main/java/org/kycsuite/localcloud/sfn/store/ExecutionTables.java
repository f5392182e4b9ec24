package org.kycsuite.localcloud.sfn.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

/** Writes journaled executions into the H2 tables, by key, so writing the same change twice is harmless. */
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
        try (PreparedStatement statement = connection.prepareStatement("MERGE INTO sfn_execution "
                + "(arn, state_machine_arn, name, status, start_ms, stop_ms, doc) KEY (arn) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (ExecutionJournal.Unflushed execution : batch.values()) {
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
        try (PreparedStatement statement = connection.prepareStatement(
                "MERGE INTO sfn_history (execution_arn, id, doc) KEY (execution_arn, id) VALUES (?, ?, ?)")) {
            for (ExecutionJournal.Unflushed execution : batch.values()) {
                for (ExecutionJournal.Event event : execution.events()) {
                    statement.setString(1, execution.row().arn());
                    statement.setLong(2, event.id());
                    statement.setString(3, event.doc());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
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
