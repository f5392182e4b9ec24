package org.kycsuite.localcloud.sfn.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
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
