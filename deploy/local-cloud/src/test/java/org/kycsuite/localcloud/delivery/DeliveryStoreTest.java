package org.kycsuite.localcloud.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kycsuite.localcloud.store.Database;

class DeliveryStoreTest {

    private static final String TARGET = "{\"Id\":\"t\",\"Arn\":\"arn:aws:sqs:us-east-1:000000000000:q\"}";

    @TempDir
    Path dataDir;

    @Test
    void whatWasOwedWhenTheProcessDiedIsOwedAfterARestart() {
        try (Database database = Database.open(dataDir)) {
            DeliveryStore crashed = new DeliveryStore(dataDir, database);
            Delivery delivered = crashed.newDelivery("rule", TARGET, "{\"n\":1}", 10);
            Delivery failing = crashed.newDelivery("rule", TARGET, "{\"n\":2,\"t\":\"é€\"}", 10);
            Delivery fresh = crashed.newDelivery("rule", TARGET, "{\"n\":3}", 10);
            crashed.enqueue(List.of(delivered, failing, fresh));
            crashed.deleteAll(List.of(delivered.id()));
            crashed.retryLater(failing.id(), 2, 5000, "SQS.NonExistentQueue: no such queue");
            // no close: what kill -9 leaves

            try (DeliveryStore restarted = new DeliveryStore(dataDir, database)) {
                assertThat(restarted.pending()).isEqualTo(2);
                List<Delivery> owed = stored(restarted);
                assertThat(owed).containsExactly(new Delivery(failing.id(), "rule", TARGET, "{\"n\":2,\"t\":\"é€\"}",
                        2, 10, 5000), fresh);
                assertThat(restarted.newDelivery("rule", TARGET, "{}", 20).id()).isGreaterThan(fresh.id());
            }
        }
    }

    @Test
    void aRecordCutShortByACrashEndsTheReplayWithoutLosingWhatCameBefore() throws Exception {
        try (Database database = Database.open(dataDir)) {
            DeliveryStore crashed = new DeliveryStore(dataDir, database);
            Delivery kept = crashed.newDelivery("rule", TARGET, "{\"n\":1}", 10);
            crashed.enqueue(List.of(kept));
            Path segment = segments().get(segments().size() - 1);
            Files.write(segment, new byte[] {0, 0, 1, 0, 1, 2, 3}, StandardOpenOption.APPEND);

            try (DeliveryStore restarted = new DeliveryStore(dataDir, database)) {
                assertThat(stored(restarted)).containsExactly(kept);
            }
        }
    }

    @Test
    void theJournalIsCompactedOnceMostOfItIsDone() throws Exception {
        String big = "{\"text\":\"" + "x".repeat(100_000) + "\"}";
        try (Database database = Database.open(dataDir); DeliveryStore store = new DeliveryStore(dataDir, database)) {
            Delivery owed = store.newDelivery("rule", TARGET, "{\"kept\":true}", 10);
            store.enqueue(List.of(owed));
            for (int i = 0; i < 400; i++) {
                Delivery done = store.newDelivery("rule", TARGET, big, 10);
                store.enqueue(List.of(done));
                store.deleteAll(List.of(done.id()));
            }
            assertThat(journalBytes()).isLessThan(8L << 20);
            assertThat(stored(store)).containsExactly(owed);
        }
        try (Database database = Database.open(dataDir);
             DeliveryStore reopened = new DeliveryStore(dataDir, database)) {
            assertThat(stored(reopened)).extracting(Delivery::event).containsExactly("{\"kept\":true}");
        }
    }

    @Test
    void rowsOfTheFormerDeliveryTableAreTakenOver() {
        try (Database database = Database.open(dataDir)) {
            database.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO delivery "
                        + "(id, rule_arn, target, event, attempts, ingested_at, next_at) VALUES (7, 'rule', ?, "
                        + "'{\"old\":true}', 3, 10, 20)")) {
                    insert.setString(1, TARGET);
                    return insert.executeUpdate();
                }
            });
            try (DeliveryStore store = new DeliveryStore(dataDir, database)) {
                assertThat(stored(store)).extracting(Delivery::event, Delivery::attempts, Delivery::nextAtMillis)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("{\"old\":true}", 3, 20L));
            }
            long rows = database.inTransaction(connection -> {
                try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM delivery");
                     ResultSet result = count.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                }
            });
            assertThat(rows).isZero();
            try (DeliveryStore reopened = new DeliveryStore(dataDir, database)) {
                assertThat(reopened.pending()).isEqualTo(1);
            }
        }
    }

    private static List<Delivery> stored(DeliveryStore store) {
        List<Delivery> all = new ArrayList<>();
        store.forEachStored(all::addAll);
        return all;
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("delivery-journal-"))
                    .sorted().toList();
        }
    }

    private long journalBytes() throws Exception {
        long total = 0;
        for (Path segment : segments()) {
            total += Files.size(segment);
        }
        return total;
    }
}
