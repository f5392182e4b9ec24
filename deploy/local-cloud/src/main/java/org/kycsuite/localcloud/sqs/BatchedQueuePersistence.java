package org.kycsuite.localcloud.sqs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.elasticmq.actor.queue.OperationSuccessful$;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.DBMessage;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * ElasticMQ's queue event listener with group commit. ElasticMQ answers a SendMessage,
 * ReceiveMessage or DeleteMessage only once its listener confirms the change is stored; its own
 * SQL listener writes each change in its own transaction, which made H2 commits the SQS server's
 * main cost. This one keeps the same tables and rows but writes every change that queued up while
 * the previous commit ran in one transaction, and confirms each change only after that commit, so
 * an acknowledged message still survives {@code kill -9}. Queue metadata and the restore at start
 * stay with ElasticMQ's own listener, to which those events are forwarded after pending changes
 * are committed.
 */
final class BatchedQueuePersistence extends AbstractActor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedQueuePersistence.class);
    private static final String COLUMNS = "message_id, delivery_receipts, next_delivery, content, attributes, "
            + "created, received, receive_count, group_id, deduplication_id, tracing_id, sequence_number, "
            + "dead_letter_source_queue_name";

    private static final scala.collection.immutable.List<CreateQueueMetadata> NO_BASE_QUEUES =
            scala.collection.immutable.List.from(scala.jdk.CollectionConverters.ListHasAsScala(
                    java.util.List.<CreateQueueMetadata>of()).asScala());

    private final ActorRef metadata;
    private final Connection connection;
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> tables = new HashSet<>();
    private boolean flushQueued;

    private record Pending(QueueEvent event, ActorRef replyTo) {
    }

    private enum Flush { INSTANCE }

    private BatchedQueuePersistence(SqlQueuePersistenceConfig config) throws SQLException {
        this.metadata = getContext().actorOf(Props.create(SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(config, NO_BASE_QUEUES)), "queue-metadata");
        this.connection = DriverManager.getConnection(config.uri(), config.username(), config.password());
        connection.setAutoCommit(false);
    }

    static Props props(SqlQueuePersistenceConfig config) {
        return Props.create(BatchedQueuePersistence.class, () -> new BatchedQueuePersistence(config));
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(QueueEvent.MessageAdded.class, this::buffer)
                .match(QueueEvent.MessageUpdated.class, this::buffer)
                .match(QueueEvent.MessageRemoved.class, this::buffer)
                .matchEquals(Flush.INSTANCE, flush -> flush())
                .matchAny(other -> {
                    flush();
                    if (other instanceof QueueEvent.QueueDeleted deleted) {
                        tables.remove(tableName(deleted.queueName()));
                    }
                    metadata.forward(other, getContext());
                })
                .build();
    }

    private void buffer(QueueEvent event) {
        pending.add(new Pending(event, getSender()));
        if (!flushQueued) {
            // Behind every change already in the mailbox: they all join this commit.
            flushQueued = true;
            getSelf().tell(Flush.INSTANCE, getSelf());
        }
    }

    private void flush() {
        flushQueued = false;
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> batch = List.copyOf(pending);
        pending.clear();
        try {
            for (Pending change : batch) {
                apply(change.event());
            }
            connection.commit();
            batch.forEach(change -> change.replyTo().tell(OperationSuccessful$.MODULE$, getSelf()));
        } catch (SQLException shared) {
            rollback();
            // One bad change must not fail the others: each on its own.
            for (Pending change : batch) {
                try {
                    apply(change.event());
                    connection.commit();
                    change.replyTo().tell(OperationSuccessful$.MODULE$, getSelf());
                } catch (SQLException own) {
                    rollback();
                    LOG.error("Storing an SQS change failed: {}", own.getMessage());
                    change.replyTo().tell(new Status.Failure(own), getSelf());
                }
            }
        }
    }

    private void apply(QueueEvent event) throws SQLException {
        if (event instanceof QueueEvent.MessageAdded added) {
            DBMessage message = DBMessage.from(added.message());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table(added.queueName())
                    + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, message.messageId());
                insert.setBytes(2, message.deliveryReceipts());
                insert.setLong(3, message.nextDelivery());
                insert.setBytes(4, message.content());
                insert.setBytes(5, message.attributes());
                insert.setLong(6, message.created());
                setLong(insert, 7, message.received());
                insert.setInt(8, message.receiveCount());
                setString(insert, 9, message.groupId());
                setString(insert, 10, message.deduplicationId());
                setString(insert, 11, message.tracingId());
                setString(insert, 12, message.sequenceNumber());
                setString(insert, 13, message.deadLetterSourceQueueName());
                insert.executeUpdate();
            }
        } else if (event instanceof QueueEvent.MessageUpdated updated) {
            DBMessage message = DBMessage.from(updated.message());
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table(updated.queueName())
                    + " SET delivery_receipts = ?, next_delivery = ?, attributes = ?, received = ?, receive_count = ?, "
                    + "tracing_id = ?, sequence_number = ?, dead_letter_source_queue_name = ? WHERE message_id = ?")) {
                update.setBytes(1, message.deliveryReceipts());
                update.setLong(2, message.nextDelivery());
                update.setBytes(3, message.attributes());
                setLong(update, 4, message.received());
                update.setInt(5, message.receiveCount());
                setString(update, 6, message.tracingId());
                setString(update, 7, message.sequenceNumber());
                setString(update, 8, message.deadLetterSourceQueueName());
                update.setString(9, message.messageId());
                update.executeUpdate();
            }
        } else if (event instanceof QueueEvent.MessageRemoved removed) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table(removed.queueName())
                    + " WHERE message_id = ?")) {
                delete.setString(1, removed.messageId());
                delete.executeUpdate();
            }
        }
    }

    /**
     * The message table of a queue, named as ElasticMQ's own listener names it (so a restore reads
     * what this wrote), created when missing: the metadata listener creates it too, on its own
     * connection, and may not have got to it yet.
     */
    private String table(String queueName) throws SQLException {
        String table = tableName(queueName);
        if (tables.add(table)) {
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE IF NOT EXISTS " + table + " (message_id varchar unique, "
                        + "delivery_receipts blob, next_delivery bigint, content blob, attributes blob, "
                        + "created bigint, received bigint, receive_count int, group_id varchar, "
                        + "deduplication_id varchar, tracing_id varchar, sequence_number varchar, "
                        + "dead_letter_source_queue_name varchar)");
            }
        }
        return table;
    }

    private static String tableName(String queueName) {
        return "message_" + queueName.replace(".", "_").replace("-", "_") + "_"
                + Integer.toHexString(queueName.hashCode());
    }

    private static void setLong(PreparedStatement statement, int index, Option<Object> value) throws SQLException {
        if (value.isDefined()) {
            statement.setLong(index, (Long) value.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static void setString(PreparedStatement statement, int index, Option<String> value) throws SQLException {
        statement.setString(index, value.isDefined() ? value.get() : null);
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Rolling back SQS changes failed: {}", e.getMessage());
        }
    }

    @Override
    public void postStop() {
        flush();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the SQS store connection failed: {}", e.getMessage());
        }
    }
}
