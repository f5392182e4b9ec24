package org.kycsuite.localcloud.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.MessageContent;
import org.elasticmq.NeverReceived$;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.actor.queue.OperationSuccessful$;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.junit.jupiter.api.Test;
import scala.Option;
import scalikejdbc.ConnectionPool$;

/** The listener answers every change, also one it cannot read, and keeps working after it. */
class BatchedQueuePersistenceTest {

    private static InternalMessage message(String id, String receipt) {
        scala.collection.mutable.Buffer<String> receipts = new scala.collection.mutable.ArrayBuffer<>();
        receipts.addOne(receipt);
        return new InternalMessage(id, receipts, 0L, new MessageContent("body of " + id),
                scala.collection.immutable.Map$.MODULE$.empty(), OffsetDateTime.now(), 0, NeverReceived$.MODULE$, 0,
                false, Option.empty(), Option.empty(), Option.empty(), Option.empty(), Option.empty());
    }

    private static Object ask(ActorRef store, Object event) throws Exception {
        return Patterns.ask(store, event, Duration.ofSeconds(5)).toCompletableFuture().get();
    }

    @Test
    void aMessageThatCannotBeReadIsAnsweredWithAFailureAndTheNextOnesAreStored() throws Exception {
        Path dir = Files.createTempDirectory("sqs-store");
        String url = "jdbc:h2:file:" + dir.resolve("sqs") + ";DB_CLOSE_ON_EXIT=FALSE";
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        pools.singleton(url, "sa", "", pools.singleton$default$4(),
                pools.singleton$default$5(url, "sa", "", pools.singleton$default$4()));
        ActorSystem system = ActorSystem.create("store-test");
        try {
            ActorRef store = system.actorOf(BatchedQueuePersistence.props(
                    new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "sa", "", false), dir));
            // A receipt list holding null is what a message still being changed by its queue looks like.
            // Answered with a failure (the ask fails with it) rather than never: a listener that crashed
            // on it left ElasticMQ and its clients waiting, and lost the answers of its whole batch.
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    ask(store, new QueueEvent.MessageAdded("q", message("broken", null))))
                    .hasCauseInstanceOf(IllegalArgumentException.class);
            assertThat(ask(store, new QueueEvent.MessageAdded("q", message("good", "r1"))))
                    .isEqualTo(OperationSuccessful$.MODULE$);
            assertThat(ask(store, new QueueEvent.MessageRemoved("q", "other"))).isEqualTo(OperationSuccessful$.MODULE$);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
            pools.closeAll();
        }
        List<String> journaled = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path segment : files.filter(f -> f.getFileName().toString().startsWith("sqs-journal-")).toList()) {
                MessageJournal.replay(segment).changes().forEach(change -> journaled.add(change.messageId()));
            }
        }
        // stopping applied the journal to the tables and emptied it; nothing of the broken one was written
        assertThat(journaled).isEmpty();
        try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
             var rows = connection.createStatement().executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                     + "WHERE TABLE_NAME LIKE 'MESSAGE_Q_%'")) {
            assertThat(rows.next()).isTrue();
            String table = rows.getString(1);
            try (var ids = connection.createStatement().executeQuery("SELECT message_id FROM " + table)) {
                List<String> stored = new ArrayList<>();
                while (ids.next()) {
                    stored.add(ids.getString(1));
                }
                assertThat(stored).containsExactly("good");
            }
        }
    }
}
