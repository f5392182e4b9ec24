package org.kycsuite.localcloud.sfn.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kycsuite.localcloud.store.Database;

class SfnStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NEVER = 3_600_000;
    private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:m";
    private static final String DEFINITION = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}";

    @TempDir
    Path dataDir;

    @Test
    void transitionsOnlyInTheJournalWhenTheProcessDiesAreThereAfterARestart() {
        try (Database database = Database.open(dataDir)) {
            SfnStore crashed = new SfnStore(database, dataDir, JSON, NEVER);
            assertThat(crashed.insert(execution("done"), List.of(event(1, "ExecutionStarted")), true)).isTrue();
            assertThat(crashed.update(arn("done"), "RUNNING", null, doc("B"), List.of(event(2, "PassStateEntered"))))
                    .isTrue();
            assertThat(crashed.update(arn("done"), "SUCCEEDED", 2000L, doc("B"),
                    List.of(event(3, "ExecutionSucceeded")))).isTrue();
            assertThat(crashed.insert(execution("waiting"), List.of(event(1, "ExecutionStarted")), true)).isTrue();
            TaskStore tokens = new TaskStore(crashed);
            tokens.insertIfAbsent(new TaskRecord("token-1", arn("done"), "A", TaskRecord.WAITING, null, null, null,
                    null, null, null));
            // Unflushed changes are visible before the crash.
            assertThat(crashed.find(arn("done")).orElseThrow().status()).isEqualTo("SUCCEEDED");
            // no flush, no close: what kill -9 leaves

            SfnStore restarted = new SfnStore(database, dataDir, JSON);
            ExecutionRecord done = restarted.find(arn("done")).orElseThrow();
            assertThat(done.status()).isEqualTo("SUCCEEDED");
            assertThat(done.stopMillis()).isEqualTo(2000L);
            assertThat(done.doc().path("definition").asText()).isEqualTo(DEFINITION);
            assertThat(done.doc().at("/cursor/state").asText()).isEqualTo("B");
            assertThat(restarted.history(arn("done"), false, 0, 10)).extracting(e -> e.path("type").asText())
                    .containsExactly("ExecutionStarted", "PassStateEntered", "ExecutionSucceeded");
            assertThat(restarted.running()).extracting(ExecutionRecord::name).containsExactly("waiting");
            assertThat(restarted.lastEventId(arn("waiting"))).isEqualTo(1);
            // The token of the execution that stopped before the crash no longer waits.
            assertThat(new TaskStore(restarted).find("token-1").orElseThrow().status()).isEqualTo(TaskRecord.CLOSED);
            restarted.close();
        }
    }

    @Test
    void aStoppedExecutionMovesNoFurtherAndItsNameStaysTaken() {
        try (Database database = Database.open(dataDir); SfnStore store = new SfnStore(database, dataDir, JSON)) {
            assertThat(store.insert(execution("once"), List.of(event(1, "ExecutionStarted")), true)).isTrue();
            assertThat(store.insert(execution("once"), List.of(event(1, "ExecutionStarted")), true)).isFalse();
            TaskStore tokens = new TaskStore(store);
            tokens.insertIfAbsent(new TaskRecord("token-2", arn("once"), "A", TaskRecord.WAITING, null, null, null,
                    null, null, null));
            assertThat(store.update(arn("once"), "ABORTED", 1500L, doc("A"), List.of(event(2, "ExecutionAborted"))))
                    .isTrue();
            assertThat(tokens.find("token-2").orElseThrow().status()).isEqualTo(TaskRecord.CLOSED);
            assertThat(store.update(arn("once"), "RUNNING", null, doc("B"), List.of(event(3, "PassStateEntered"))))
                    .isFalse();
            store.flush();
            assertThat(store.insert(execution("once"), List.of(event(1, "ExecutionStarted")), true)).isFalse();
            assertThat(store.update(arn("once"), "SUCCEEDED", 1600L, doc("B"), List.of())).isFalse();
            assertThat(store.list(MACHINE, null, 0, 10)).extracting(ExecutionRecord::status)
                    .containsExactly("ABORTED");
        }
    }

    @Test
    void aSegmentReplayedAfterItsFlushCommittedWritesNoEventTwice() throws Exception {
        try (Database database = Database.open(dataDir)) {
            SfnStore crashed = new SfnStore(database, dataDir, JSON, NEVER);
            crashed.insert(execution("twice"), List.of(event(1, "ExecutionStarted")), true);
            crashed.update(arn("twice"), "RUNNING", null, doc("B"), List.of(event(2, "PassStateEntered"),
                    event(3, "PassStateExited")));
            List<Path> flushedSegments = segments();
            Path saved = Files.createTempDirectory(dataDir, "saved");
            for (Path segment : flushedSegments) {
                Files.copy(segment, saved.resolve(segment.getFileName()));
            }
            crashed.flush();
            // What a crash between the flush's commit and the deletion of its segment leaves:
            for (Path segment : flushedSegments) {
                Files.copy(saved.resolve(segment.getFileName()), segment, StandardCopyOption.REPLACE_EXISTING);
            }
            crashed.update(arn("twice"), "SUCCEEDED", 3000L, doc("B"), List.of(event(4, "ExecutionSucceeded")));

            try (SfnStore restarted = new SfnStore(database, dataDir, JSON, NEVER)) {
                assertThat(restarted.history(arn("twice"), false, 0, 100)).extracting(e -> e.path("id").asLong())
                        .containsExactly(1L, 2L, 3L, 4L);
                assertThat(restarted.history(arn("twice"), true, 1, 2)).extracting(e -> e.path("id").asLong())
                        .containsExactly(3L, 2L);
                assertThat(restarted.lastEventId(arn("twice"))).isEqualTo(4);
                assertThat(restarted.find(arn("twice")).orElseThrow().status()).isEqualTo("SUCCEEDED");
            }
        }
    }

    @Test
    void historyRowsWrittenBeforeTheJournalAreReadWithTheNewOnes() {
        try (Database database = Database.open(dataDir); SfnStore store = new SfnStore(database, dataDir, JSON)) {
            database.inTransaction(connection -> {
                try (var insert = connection.prepareStatement(
                        "INSERT INTO sfn_history (execution_arn, id, doc) VALUES (?, ?, ?)")) {
                    for (long id = 1; id <= 2; id++) {
                        insert.setString(1, arn("old"));
                        insert.setLong(2, id);
                        insert.setString(3, event(id, "Old").toString());
                        insert.executeUpdate();
                    }
                }
                return null;
            });
            store.insert(execution("old"), List.of(), true);
            store.update(arn("old"), "SUCCEEDED", 2000L, doc("A"), List.of(event(3, "ExecutionSucceeded")));
            assertThat(store.history(arn("old"), false, 0, 10)).extracting(e -> e.path("type").asText())
                    .containsExactly("Old", "Old", "ExecutionSucceeded");
            assertThat(store.lastEventId(arn("old"))).isEqualTo(3);
        }
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("sfn-journal-")).toList();
        }
    }

    private static String arn(String name) {
        return "arn:aws:states:us-east-1:000000000000:execution:m:" + name;
    }

    private static ExecutionRecord execution(String name) {
        return new ExecutionRecord(arn(name), MACHINE, name, "RUNNING", 1000, null, doc("A"));
    }

    private static ObjectNode doc(String state) {
        ObjectNode doc = JSON.createObjectNode().put("input", "{}").put("definition", DEFINITION)
                .put("status", "RUNNING");
        doc.putObject("cursor").put("state", state).putObject("input");
        return doc;
    }

    private static ObjectNode event(long id, String type) {
        return JSON.createObjectNode().put("id", id).put("type", type).put("previousEventId", id - 1);
    }
}
