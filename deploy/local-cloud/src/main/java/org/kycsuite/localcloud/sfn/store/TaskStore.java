package org.kycsuite.localcloud.sfn.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import org.kycsuite.localcloud.store.Database;

/**
 * Task tokens. Deciding a token is a compare-and-set on {@code status = 'WAITING'}: of a
 * SendTaskSuccess and a timeout racing for the same token exactly one wins.
 */
public final class TaskStore {

    private final Database database;
    private final SfnStore executions;

    public TaskStore(SfnStore store) {
        this.database = store.database();
        this.executions = store;
    }

    /** Records a token as WAITING unless it exists already (a resumed task keeps its token). */
    public void insertIfAbsent(TaskRecord task) {
        executions.tokenIssued(task.executionArn());
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "MERGE INTO sfn_task (token, execution_arn, state_name, status, timeout_at, heartbeat_at, "
                            + "heartbeat_seconds) KEY (token) SELECT ?, ?, ?, ?, ?, ?, ? FROM DUAL "
                            + "WHERE NOT EXISTS (SELECT 1 FROM sfn_task WHERE token = ?)")) {
                statement.setString(1, task.token());
                statement.setString(2, task.executionArn());
                statement.setString(3, task.stateName());
                statement.setString(4, task.status());
                setLong(statement, 5, task.timeoutAt());
                setLong(statement, 6, task.heartbeatAt());
                if (task.heartbeatSeconds() == null) {
                    statement.setNull(7, Types.INTEGER);
                } else {
                    statement.setInt(7, task.heartbeatSeconds());
                }
                statement.setString(8, task.token());
                return statement.executeUpdate();
            }
        });
    }

    public Optional<TaskRecord> find(String token) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT token, execution_arn, state_name, "
                    + "status, timeout_at, heartbeat_at, heartbeat_seconds, result, error, cause FROM sfn_task "
                    + "WHERE token = ?")) {
                statement.setString(1, token);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new TaskRecord(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), getLong(rows, 5), getLong(rows, 6), getInt(rows, 7),
                            rows.getString(8), rows.getString(9), rows.getString(10)));
                }
            }
        });
    }

    /** Decides a WAITING token; false when it was decided already. */
    public boolean decide(String token, String status, String result, String error, String cause) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE sfn_task SET status = ?, "
                    + "result = ?, error = ?, cause = ? WHERE token = ? AND status = 'WAITING'")) {
                statement.setString(1, status);
                statement.setString(2, result);
                statement.setString(3, error);
                statement.setString(4, cause);
                statement.setString(5, token);
                return statement.executeUpdate() == 1;
            }
        });
    }

    /** Moves a WAITING token's heartbeat deadline; false when it is no longer waiting. */
    public boolean heartbeat(String token, long heartbeatAt) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE sfn_task SET heartbeat_at = ? WHERE token = ? AND status = 'WAITING'")) {
                statement.setLong(1, heartbeatAt);
                statement.setString(2, token);
                return statement.executeUpdate() == 1;
            }
        });
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static Long getLong(ResultSet rows, int index) throws SQLException {
        long value = rows.getLong(index);
        return rows.wasNull() ? null : value;
    }

    private static Integer getInt(ResultSet rows, int index) throws SQLException {
        int value = rows.getInt(index);
        return rows.wasNull() ? null : value;
    }
}
