package org.kycsuite.localcloud.sqs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Cancellable;
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
 * ElasticMQ's queue event listener, with a journal in front of its tables. ElasticMQ answers a
 * SendMessage, ReceiveMessage or DeleteMessage only once its listener confirms the change is stored;
 * its own SQL listener wrote each change in its own H2 transaction, which made H2 the SQS server's
 * main cost. This one appends every change that queued up meanwhile to {@link MessageJournal} in one
 * write and then confirms them, so an acknowledged message survives {@code kill -9}. The tables
 * (ElasticMQ's own, which its restore reads at start) are brought up to date at checkpoints, every
 * few seconds on a thread of their own, from the net effect of the changes: a message sent, received
 * and deleted between two checkpoints (most messages, when consumers keep up) never reaches H2. At
 * start what a crash left in the journal is applied before ElasticMQ restores. Queue metadata stays
 * with ElasticMQ's own listener, to which those events are forwarded once the tables are up to date.
 */
final class BatchedQueuePersistence extends AbstractActor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedQueuePersistence.class);
    private static final String COLUMNS = "message_id, delivery_receipts, next_delivery, content, attributes, "
            + "created, received, receive_count, group_id, deduplication_id, tracing_id, sequence_number, "
            + "dead_letter_source_queue_name";
    /** Changes are applied to the tables at least this often ... */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    /** ... and sooner when this many messages have unapplied changes or the journal segment grew this large. */
    private static final int MAX_UNAPPLIED = 20_000;
    private static final long MAX_SEGMENT_BYTES = 64L << 20;
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

    private static final scala.collection.immutable.List<CreateQueueMetadata> NO_BASE_QUEUES =
            scala.collection.immutable.List.from(scala.jdk.CollectionConverters.ListHasAsScala(
                    java.util.List.<CreateQueueMetadata>of()).asScala());

    private final ActorRef metadata;
    /** Used by the checkpoint thread only (and by the recovery in the constructor, before it starts). */
    private final Connection connection;
    private final Set<String> tables = new HashSet<>();
    private final MessageJournal journal;
    private final ExecutorService checkpointThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sqs-checkpoint");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Pending> pending = new ArrayList<>();
    /** Per queue, per message: its latest state not yet handed to a checkpoint ({@code message} null: removed). */
    private Map<String, Map<String, Unapplied>> unapplied = new LinkedHashMap<>();
    private int unappliedCount;
    private Future<?> applying = CompletableFuture.completedFuture(null);
    private volatile boolean stopping;
    private boolean flushQueued;
    private Cancellable checkpoints;

    private record Pending(MessageJournal.Change change, ActorRef replyTo) {
    }

    /** {@code inTables}: the tables may hold a row for the message, so a removal must delete it. */
    private record Unapplied(DBMessage message, boolean inTables) {
    }

    private enum Flush { INSTANCE }

    private enum Checkpoint { INSTANCE }

    private BatchedQueuePersistence(SqlQueuePersistenceConfig config, Path dataDir) throws SQLException, IOException {
        this.metadata = getContext().actorOf(Props.create(SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(config, NO_BASE_QUEUES)), "queue-metadata");
        this.connection = DriverManager.getConnection(config.uri(), config.username(), config.password());
        connection.setAutoCommit(false);
        this.journal = new MessageJournal(dataDir);
        recover();
    }

    static Props props(SqlQueuePersistenceConfig config, Path dataDir) {
        return Props.create(BatchedQueuePersistence.class, () -> new BatchedQueuePersistence(config, dataDir));
    }

    /** Applies what a crash left in the journal to the tables, before ElasticMQ restores from them. */
    private void recover() throws IOException, SQLException {
        if (journal.leftOver().isEmpty()) {
            return;
        }
        int count = 0;
        for (Path segment : journal.leftOver()) {
            MessageJournal.Replay replay = MessageJournal.replay(segment);
            for (MessageJournal.Change change : replay.changes()) {
                // Any of them may have reached the tables at a checkpoint the crash interrupted.
                remember(change, true);
            }
            count += replay.changes().size();
            if (!replay.complete()) {
                LOG.warn("{} ends with {} bytes of a write cut short by a crash; that write was never acknowledged "
                        + "and is left out", segment.getFileName(), replay.fileBytes() - replay.bytes());
            }
        }
        LOG.info("Applying {} SQS changes left in the journal", count);
        applyToTables(unapplied);
        for (Path segment : journal.leftOver()) {
            Files.deleteIfExists(segment);
        }
        unapplied = new LinkedHashMap<>();
        unappliedCount = 0;
    }

    @Override
    public void preStart() {
        checkpoints = getContext().getSystem().scheduler().scheduleWithFixedDelay(CHECKPOINT_INTERVAL,
                CHECKPOINT_INTERVAL, getSelf(), Checkpoint.INSTANCE, getContext().getDispatcher(), getSelf());
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(QueueEvent.MessageAdded.class, this::buffer)
                .match(QueueEvent.MessageUpdated.class, this::buffer)
                .match(QueueEvent.MessageRemoved.class, this::buffer)
                .matchEquals(Flush.INSTANCE, flush -> flush())
                .matchEquals(Checkpoint.INSTANCE, tick -> checkpoint(false))
                .matchAny(other -> {
                    // Queue created or deleted, restore: the tables first hold every acknowledged change.
                    flush();
                    checkpoint(true);
                    if (other instanceof QueueEvent.QueueDeleted deleted) {
                        String table = tableName(deleted.queueName());
                        await(checkpointThread.submit(() -> tables.remove(table)));
                    }
                    metadata.forward(other, getContext());
                })
                .build();
    }

    private void buffer(QueueEvent event) {
        MessageJournal.Change change;
        try {
            change = change(event);
        } catch (RuntimeException e) {
            LOG.error("An SQS change could not be read for storing: {}", e.toString());
            getSender().tell(new Status.Failure(e), getSelf());
            return;
        }
        pending.add(new Pending(change, getSender()));
        if (!flushQueued) {
            // Behind every change already in the mailbox: they all join this write.
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
        List<MessageJournal.Change> changes = new ArrayList<>(batch.size());
        batch.forEach(entry -> changes.add(entry.change()));
        try {
            journal.append(changes);
        } catch (IOException e) {
            LOG.error("Writing {} SQS changes to the journal failed: {}", changes.size(), e.getMessage());
            batch.forEach(entry -> entry.replyTo().tell(new Status.Failure(e), getSelf()));
            return;
        }
        changes.forEach(change -> remember(change, false));
        batch.forEach(entry -> entry.replyTo().tell(OperationSuccessful$.MODULE$, getSelf()));
        if (unappliedCount > MAX_UNAPPLIED || journal.size() > MAX_SEGMENT_BYTES) {
            checkpoint(false);
        }
    }

    /**
     * The change to store. ElasticMQ's queue actor may still be updating the message it handed over
     * (its fields are mutable), which can make reading it fail once; it is read again before giving up.
     */
    private static MessageJournal.Change change(QueueEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read(event);
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    private static MessageJournal.Change read(QueueEvent event) {
        if (event instanceof QueueEvent.MessageAdded added) {
            DBMessage message = DBMessage.from(added.message());
            return new MessageJournal.Change(MessageJournal.Kind.ADDED, added.queueName(), message.messageId(),
                    message);
        }
        if (event instanceof QueueEvent.MessageUpdated updated) {
            DBMessage message = DBMessage.from(updated.message());
            return new MessageJournal.Change(MessageJournal.Kind.UPDATED, updated.queueName(), message.messageId(),
                    message);
        }
        QueueEvent.MessageRemoved removed = (QueueEvent.MessageRemoved) event;
        return new MessageJournal.Change(MessageJournal.Kind.REMOVED, removed.queueName(), removed.messageId(),
                null);
    }

    /**
     * Folds a change into the unapplied state. {@code replayed}: a change read back from the journal,
     * whose message may be in the tables already.
     */
    private void remember(MessageJournal.Change change, boolean replayed) {
        Map<String, Unapplied> queue = unapplied.computeIfAbsent(change.queueName(), name -> new LinkedHashMap<>());
        Unapplied before = queue.get(change.messageId());
        // A message this map does not know, other than a new one, may be in the tables (or on its way).
        boolean inTables = before == null ? change.kind() != MessageJournal.Kind.ADDED || replayed
                : before.inTables();
        Unapplied after = switch (change.kind()) {
            case ADDED, UPDATED -> new Unapplied(change.message(), inTables);
            case REMOVED -> inTables ? new Unapplied(null, true) : null;
        };
        if (after == null) {
            // Sent and removed since the last checkpoint: the tables never need to know.
            queue.remove(change.messageId());
        } else {
            queue.put(change.messageId(), after);
        }
        unappliedCount += (after == null ? 0 : 1) - (before == null ? 0 : 1);
    }

    /**
     * Hands the unapplied changes to the checkpoint thread and begins a new journal segment; the old
     * one is deleted once they are committed. One checkpoint at a time, in order. {@code wait}: returns
     * only when the tables hold every change acknowledged so far.
     */
    private void checkpoint(boolean wait) {
        if (wait) {
            await(applying);
        }
        if (journal.size() > 0 && applying.isDone()) {
            Path segment;
            try {
                segment = journal.rotate();
            } catch (IOException e) {
                LOG.error("Starting a new SQS journal segment failed (tried again at the next checkpoint): {}",
                        e.getMessage());
                return;
            }
            Map<String, Map<String, Unapplied>> changes = unapplied;
            unapplied = new LinkedHashMap<>();
            unappliedCount = 0;
            applying = checkpointThread.submit(() -> applyUntilDone(changes, segment));
        }
        if (wait) {
            await(applying);
        }
    }

    /** A failed checkpoint (database refused a write) is retried with a growing delay; the journal keeps it. */
    private void applyUntilDone(Map<String, Map<String, Unapplied>> changes, Path segment) {
        long delayMillis = 100;
        while (true) {
            try {
                applyToTables(changes);
                Files.deleteIfExists(segment);
                return;
            } catch (SQLException | IOException | RuntimeException e) {
                rollback();
                if (stopping) {
                    LOG.error("Applying SQS changes failed while stopping; {} keeps them for the next start: {}",
                            segment.getFileName(), e.getMessage());
                    return;
                }
                LOG.error("Applying SQS changes to the store failed (kept in {}, retried in {} ms): {}",
                        segment.getFileName(), delayMillis, e.getMessage());
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delayMillis = Math.min(delayMillis * 2, MAX_RETRY_DELAY.toMillis());
            }
        }
    }

    private void applyToTables(Map<String, Map<String, Unapplied>> changes) throws SQLException {
        for (Map.Entry<String, Map<String, Unapplied>> queue : changes.entrySet()) {
            if (queue.getValue().isEmpty()) {
                continue;
            }
            String table = table(queue.getKey());
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO " + table + " (" + COLUMNS
                    + ") KEY (message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                         + " WHERE message_id = ?")) {
                for (Map.Entry<String, Unapplied> entry : queue.getValue().entrySet()) {
                    DBMessage message = entry.getValue().message();
                    if (message == null) {
                        delete.setString(1, entry.getKey());
                        delete.addBatch();
                    } else {
                        bind(merge, message);
                        merge.addBatch();
                    }
                }
                merge.executeBatch();
                delete.executeBatch();
            }
        }
        connection.commit();
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("An SQS checkpoint failed: {}", e.getCause().toString());
        }
    }

    private static void bind(PreparedStatement statement, DBMessage message) throws SQLException {
        statement.setString(1, message.messageId());
        statement.setBytes(2, message.deliveryReceipts());
        statement.setLong(3, message.nextDelivery());
        statement.setBytes(4, message.content());
        statement.setBytes(5, message.attributes());
        statement.setLong(6, message.created());
        setLong(statement, 7, message.received());
        statement.setInt(8, message.receiveCount());
        setString(statement, 9, message.groupId());
        setString(statement, 10, message.deduplicationId());
        setString(statement, 11, message.tracingId());
        setString(statement, 12, message.sequenceNumber());
        setString(statement, 13, message.deadLetterSourceQueueName());
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
        if (checkpoints != null) {
            checkpoints.cancel();
        }
        flush();
        stopping = true;
        checkpoint(true);
        checkpointThread.shutdown();
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("Closing the SQS journal failed: {}", e.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the SQS store connection failed: {}", e.getMessage());
        }
    }
}
