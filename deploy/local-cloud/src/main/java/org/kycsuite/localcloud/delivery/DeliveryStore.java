package org.kycsuite.localcloud.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.kycsuite.localcloud.store.Database;

/**
 * Pending deliveries in H2. A row is written in the PutEvents transaction and removed only once the
 * target (or its dead-letter queue) has the event, which is what makes delivery at-least-once.
 */
public final class DeliveryStore {

    private final Database database;

    public DeliveryStore(Database database) {
        this.database = database;
    }

    /** A delivery to write in the caller's transaction. */
    public record NewDelivery(String ruleArn, String target, String event, long ingestedAtMillis) {
    }

    public void enqueue(Connection connection, List<NewDelivery> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO delivery "
                + "(rule_arn, target, event, attempts, ingested_at, next_at) VALUES (?, ?, ?, 0, ?, ?)")) {
            for (NewDelivery delivery : deliveries) {
                statement.setString(1, delivery.ruleArn());
                statement.setString(2, delivery.target());
                statement.setString(3, delivery.event());
                statement.setLong(4, delivery.ingestedAtMillis());
                statement.setLong(5, delivery.ingestedAtMillis());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Deliveries due at {@code nowMillis}, oldest first, skipping those already being attempted. */
    public List<Delivery> due(long nowMillis, int limit, Set<Long> inFlight) {
        return database.inTransaction(connection -> {
            List<Delivery> due = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, rule_arn, target, event, "
                    + "attempts, ingested_at FROM delivery WHERE next_at <= ? ORDER BY next_at, id LIMIT ?")) {
                statement.setLong(1, nowMillis);
                statement.setInt(2, limit + inFlight.size());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next() && due.size() < limit) {
                        long id = rows.getLong(1);
                        if (!inFlight.contains(id)) {
                            due.add(new Delivery(id, rows.getString(2), rows.getString(3), rows.getString(4),
                                    rows.getInt(5), rows.getLong(6)));
                        }
                    }
                }
            }
            return due;
        });
    }

    public void delete(long id) {
        update("DELETE FROM delivery WHERE id = ?", statement -> statement.setLong(1, id));
    }

    public void retryLater(long id, int attempts, long nextAtMillis, String error) {
        update("UPDATE delivery SET attempts = ?, next_at = ?, last_error = ? WHERE id = ?", statement -> {
            statement.setInt(1, attempts);
            statement.setLong(2, nextAtMillis);
            statement.setString(3, error.length() > 4000 ? error.substring(0, 4000) : error);
            statement.setLong(4, id);
        });
    }

    /** How many deliveries are still owed. */
    public long pending() {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM delivery");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private void update(String sql, Binder binder) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
