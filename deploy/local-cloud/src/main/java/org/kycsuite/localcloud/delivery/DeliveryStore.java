package org.kycsuite.localcloud.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.kycsuite.localcloud.store.Database;
import org.kycsuite.localcloud.store.GroupCommit;

/**
 * Pending deliveries in H2. A row is written in the PutEvents transaction and removed only once the
 * target (or its dead-letter queue) has the event, which is what makes delivery at-least-once. The
 * rows are the crash-recovery copy: the dispatcher works from memory and reads them back only at start.
 */
public final class DeliveryStore {

    private static final int PAGE = 1000;

    private final Database database;
    private final GroupCommit commits;
    private final AtomicLong lastId;

    public DeliveryStore(Database database, GroupCommit commits) {
        this.database = database;
        this.commits = commits;
        this.lastId = new AtomicLong(database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM delivery");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }));
    }

    /** A new delivery, due now; written by {@link #enqueue} in the caller's transaction. */
    public Delivery newDelivery(String ruleArn, String target, String event, long ingestedAtMillis) {
        return new Delivery(lastId.incrementAndGet(), ruleArn, target, event, 0, ingestedAtMillis, ingestedAtMillis);
    }

    public void enqueue(Connection connection, List<Delivery> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO delivery "
                + "(id, rule_arn, target, event, attempts, ingested_at, next_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Delivery delivery : deliveries) {
                statement.setLong(1, delivery.id());
                statement.setString(2, delivery.ruleArn());
                statement.setString(3, delivery.target());
                statement.setString(4, delivery.event());
                statement.setInt(5, delivery.attempts());
                statement.setLong(6, delivery.ingestedAtMillis());
                statement.setLong(7, delivery.nextAtMillis());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Every stored delivery in id order, a page at a time: what a restart still owes. */
    public void forEachStored(java.util.function.Consumer<List<Delivery>> page) {
        long after = 0;
        while (true) {
            long from = after;
            List<Delivery> rows = database.inTransaction(connection -> {
                List<Delivery> found = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement("SELECT id, rule_arn, target, event, "
                        + "attempts, ingested_at, next_at FROM delivery WHERE id > ? ORDER BY id LIMIT ?")) {
                    statement.setLong(1, from);
                    statement.setInt(2, PAGE);
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            found.add(new Delivery(result.getLong(1), result.getString(2), result.getString(3),
                                    result.getString(4), result.getInt(5), result.getLong(6), result.getLong(7)));
                        }
                    }
                }
                return found;
            });
            if (rows.isEmpty()) {
                return;
            }
            page.accept(rows);
            after = rows.get(rows.size() - 1).id();
        }
    }

    /** Removes delivered (or dead-lettered) rows, sharing a commit with other writers. */
    public void deleteAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        commits.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM delivery WHERE id = ?")) {
                for (long id : ids) {
                    statement.setLong(1, id);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    public void retryLater(long id, int attempts, long nextAtMillis, String error) {
        commits.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE delivery SET attempts = ?, next_at = ?, last_error = ? WHERE id = ?")) {
                statement.setInt(1, attempts);
                statement.setLong(2, nextAtMillis);
                statement.setString(3, error.length() > 4000 ? error.substring(0, 4000) : error);
                statement.setLong(4, id);
                return statement.executeUpdate();
            }
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
}
