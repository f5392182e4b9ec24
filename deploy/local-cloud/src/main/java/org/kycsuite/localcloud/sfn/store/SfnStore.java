package org.kycsuite.localcloud.sfn.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kycsuite.localcloud.sfn.store.ExecutionJournal.Event;
import org.kycsuite.localcloud.sfn.store.ExecutionJournal.Row;
import org.kycsuite.localcloud.sfn.store.ExecutionJournal.Unflushed;
import org.kycsuite.localcloud.store.Database;
import org.kycsuite.localcloud.store.PeriodicFlush;
import org.kycsuite.localcloud.store.SegmentJournal;
import org.kycsuite.localcloud.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executions and their history: durable through a journal ({@code sfn-journal-<n>.bin}), queried in
 * H2. Each state transition is one append to the journal (the cursor moves and its history events
 * land together), so a crash resumes from the last completed state, without a database transaction
 * per transition. A flusher writes the net effect of what was journaled into the tables about once a
 * second, in one transaction (an execution that moved through eight states meanwhile is written once),
 * and then deletes the journal segments that held it. {@link #find} sees unflushed changes; the
 * listing and history reads flush first. At start, segments a crash left are written to the tables
 * before anything runs.
 *
 * <p>Task tokens stay in H2 ({@link TaskStore}); when an execution that issued one stops, its waiting
 * tokens are closed at once.
 */
public final class SfnStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SfnStore.class);

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS sfn_execution (
            arn VARCHAR(1024) PRIMARY KEY,
            state_machine_arn VARCHAR(1024) NOT NULL,
            name VARCHAR(256) NOT NULL,
            status VARCHAR(16) NOT NULL,
            start_ms BIGINT NOT NULL,
            stop_ms BIGINT,
            doc CHARACTER VARYING(10000000) NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS sfn_execution_machine ON sfn_execution (state_machine_arn, start_ms)",
        "CREATE INDEX IF NOT EXISTS sfn_execution_status ON sfn_execution (status)",
        """
        CREATE TABLE IF NOT EXISTS sfn_history (
            execution_arn VARCHAR(1024) NOT NULL,
            id BIGINT NOT NULL,
            doc CHARACTER VARYING(1000000) NOT NULL,
            PRIMARY KEY (execution_arn, id))""",
        // Events of one execution written by one flush, as a JSON array (sfn_history: one row per event,
        // as written before the journal; still read).
        """
        CREATE TABLE IF NOT EXISTS sfn_history_chunk (
            execution_arn VARCHAR(1024) NOT NULL,
            first_id BIGINT NOT NULL,
            last_id BIGINT NOT NULL,
            doc CHARACTER VARYING(100000000) NOT NULL,
            PRIMARY KEY (execution_arn, first_id))""",
        """
        CREATE TABLE IF NOT EXISTS sfn_task (
            token VARCHAR(1024) PRIMARY KEY,
            execution_arn VARCHAR(1024) NOT NULL,
            state_name VARCHAR(256) NOT NULL,
            status VARCHAR(32) NOT NULL,
            timeout_at BIGINT,
            heartbeat_at BIGINT,
            heartbeat_seconds INT,
            result CHARACTER VARYING(1000000),
            error VARCHAR(256),
            cause CHARACTER VARYING(100000))""",
        "CREATE INDEX IF NOT EXISTS sfn_task_execution ON sfn_task (execution_arn)",
        """
        CREATE TABLE IF NOT EXISTS sfn_definition (
            ref VARCHAR(64) PRIMARY KEY,
            text CHARACTER VARYING(10000000) NOT NULL)""",
    };

    private static final String DEFINITION_REF = "definitionRef";
    private static final int MAX_CACHED_DEFINITIONS = 256;
    private static final long FLUSH_MILLIS = 1000;
    private static final int MAX_UNFLUSHED_EVENTS = 20_000;
        private static final String RUNNING = "RUNNING";

    private final Database database;
    private final ObjectMapper mapper;
    private final SegmentJournal journal;
    private final Map<String, String> refs = new ConcurrentHashMap<>();
    private final Map<String, String> definitions = new ConcurrentHashMap<>();
    /** Definitions journaled or in the table: later executions of them do not store the text again. */
    private final Set<String> storedRefs = ConcurrentHashMap.newKeySet();
    /** Executions RUNNING here (without their doc): what a transition's compare-and-set reads. */
    private final Map<String, Row> running = new ConcurrentHashMap<>();
    /** Executions that issued a task token since the start: their waiting tokens close when they stop. */
    private final Set<String> withTokens = ConcurrentHashMap.newKeySet();
    private final Object flushLock = new Object();
    /** Closed segments whose changes are not in the tables yet; guarded by {@code flushLock}. */
    private final List<Path> closedSegments = new ArrayList<>();
    private final PeriodicFlush flusher;
    // Guarded by this, like every journal write.
    private Map<String, Unflushed> unflushed = new LinkedHashMap<>();
    private Map<String, Unflushed> flushing = Map.of();
    private Map<String, String> unflushedDefinitions = new HashMap<>();
    private Map<String, String> flushingDefinitions = Map.of();
    private int unflushedEvents;

    public SfnStore(Database database, Path dataDir, ObjectMapper mapper) {
        this(database, dataDir, mapper, FLUSH_MILLIS);
    }

    /** With the flusher running every {@code flushMillis} (tests stretch it to see what only the journal holds). */
    SfnStore(Database database, Path dataDir, ObjectMapper mapper, long flushMillis) {
        this.database = database;
        this.mapper = mapper;
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : SCHEMA) {
                    statement.execute(sql);
                }
            }
            return null;
        });
        try {
            this.journal = new SegmentJournal(dataDir, "sfn-journal");
            recover(journal.leftOver());
        } catch (IOException e) {
            throw new StoreException("Cannot open the Step Functions journal in " + dataDir, e);
        }
        this.flusher = new PeriodicFlush("sfn-flush", flushMillis, this::flush, "executions");
    }

    /**
     * Inserts a new execution with its first events; false when the ARN exists already.
     *
     * @param mayExist false when the name is a fresh random UUID: the tables are not searched for it
     */
    public boolean insert(ExecutionRecord execution, List<ObjectNode> events, boolean mayExist) {
        String definition = execution.doc().path("definition").asText(null);
        String ref = definition == null ? null : definitionRef(definition);
        Row row = new Row(execution.arn(), execution.stateMachineArn(), execution.name(), execution.status(),
                execution.startMillis(), null, writeExecution(execution.doc(), ref));
        List<Event> written = events(events);
        synchronized (this) {
            if (known(execution.arn()) || (mayExist && latest(execution.arn()) != null)) {
                return false;
            }
            List<byte[]> records = new ArrayList<>(2);
            boolean newDefinition = ref != null && !storedRefs.contains(ref);
            if (newDefinition) {
                records.add(ExecutionJournal.definitionRecord(ref, definition));
            }
            records.add(ExecutionJournal.executionRecord(row, written));
            append(records);
            if (newDefinition) {
                unflushedDefinitions.put(ref, definition);
                storedRefs.add(ref);
            }
            remember(row, written, true);
        }
        return true;
    }

    /**
     * Moves a RUNNING execution on: new status/doc and its events in one journal record; when it stops
     * ({@code stopMillis} set), its waiting task tokens are closed too.
     *
     * @return false when the execution was no longer RUNNING (stopped meanwhile): nothing is written
     */
    public boolean update(String arn, String status, Long stopMillis, ObjectNode doc, List<ObjectNode> events) {
        String definition = doc.path("definition").asText(null);
        String json = writeExecution(doc, definition == null ? null : definitionRef(definition));
        List<Event> written = events(events);
        boolean closeTokens;
        synchronized (this) {
            Row current = running.get(arn);
            if (current == null) {
                current = latest(arn);
            }
            if (current == null || !RUNNING.equals(current.status())) {
                return false;
            }
            Row row = new Row(arn, current.stateMachineArn(), current.name(), status, current.startMillis(),
                    stopMillis, json);
            append(List.of(ExecutionJournal.executionRecord(row, written)));
            remember(row, written, false);
            closeTokens = stopMillis != null && withTokens.remove(arn);
        }
        if (closeTokens) {
            database.inTransaction(connection -> ExecutionTables.closeTokens(connection, arn));
        }
        return true;
    }

    /** Notes that {@code executionArn} issued a task token (so its waiting tokens close when it stops). */
    void tokenIssued(String executionArn) {
        withTokens.add(executionArn);
    }

    public Optional<ExecutionRecord> find(String arn) {
        Row row;
        synchronized (this) {
            row = unflushedRow(arn);
        }
        if (row != null) {
            return Optional.of(record(row));
        }
        List<ExecutionRecord> found = query("WHERE arn = ?", List.of(arn), 0, 1);
        return found.stream().findFirst();
    }

    /** Executions of a state machine, newest first, optionally with one status. */
    public List<ExecutionRecord> list(String stateMachineArn, String status, int offset, int limit) {
        flush();
        return status == null
                ? query("WHERE state_machine_arn = ? ORDER BY start_ms DESC, arn", List.of(stateMachineArn), offset,
                        limit)
                : query("WHERE state_machine_arn = ? AND status = ? ORDER BY start_ms DESC, arn",
                        List.of(stateMachineArn, status), offset, limit);
    }

    public List<ExecutionRecord> running() {
        flush();
        List<ExecutionRecord> found = query("WHERE status = 'RUNNING' ORDER BY start_ms", List.of(), 0,
                Integer.MAX_VALUE);
        for (ExecutionRecord record : found) {
            running.putIfAbsent(record.arn(), new Row(record.arn(), record.stateMachineArn(), record.name(),
                    record.status(), record.startMillis(), null, null));
        }
        return found;
    }

    private List<ExecutionRecord> query(String where, List<String> args, int offset, int limit) {
        List<Row> rows = database.inTransaction(connection -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT arn, state_machine_arn, name, "
                    + "status, start_ms, stop_ms, doc FROM sfn_execution " + where + " LIMIT ? OFFSET ?")) {
                int i = 1;
                for (String arg : args) {
                    statement.setString(i++, arg);
                }
                statement.setInt(i++, limit);
                statement.setInt(i, offset);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        long stop = result.getLong(6);
                        Long stopMillis = result.wasNull() ? null : stop;
                        out.add(new Row(result.getString(1), result.getString(2), result.getString(3),
                                result.getString(4), result.getLong(5), stopMillis, result.getString(7)));
                    }
                }
            }
            return out;
        });
        List<ExecutionRecord> records = new ArrayList<>(rows.size());
        rows.forEach(row -> records.add(record(row)));
        return records;
    }

    /** History events in id order (or reverse), from {@code offset}. */
    public List<ObjectNode> history(String arn, boolean reverse, int offset, int limit) {
        flush();
        List<ObjectNode> events = database.inTransaction(connection -> ExecutionTables.history(connection, arn,
                mapper));
        if (reverse) {
            Collections.reverse(events);
        }
        int from = Math.min(offset, events.size());
        return new ArrayList<>(events.subList(from, (int) Math.min(events.size(), (long) from + limit)));
    }

    public long lastEventId(String arn) {
        flush();
        return database.inTransaction(connection -> ExecutionTables.lastEventId(connection, arn));
    }

    /** Writes what the journal holds into the tables; returns once it is committed there. */
    public void flush() {
        synchronized (flushLock) {
            Map<String, Unflushed> batch;
            Map<String, String> batchDefinitions;
            synchronized (this) {
                if (unflushed.isEmpty() && unflushedDefinitions.isEmpty()) {
                    return;
                }
                try {
                    closedSegments.add(journal.rotate());
                } catch (IOException e) {
                    throw new StoreException("Cannot rotate the Step Functions journal", e);
                }
                batch = unflushed;
                batchDefinitions = unflushedDefinitions;
                flushing = batch;
                flushingDefinitions = batchDefinitions;
                unflushed = new LinkedHashMap<>();
                unflushedDefinitions = new HashMap<>();
                unflushedEvents = 0;
            }
            try {
                database.inTransaction(connection -> {
                    ExecutionTables.write(connection, batch, batchDefinitions);
                    return null;
                });
            } catch (RuntimeException e) {
                synchronized (this) {
                    // Kept for the next flush, older changes first; the closed segments stay until then.
                    Map<String, Unflushed> kept = batch;
                    unflushed.forEach((arn, newer) -> ExecutionJournal.merge(kept, newer.row(), newer.events(),
                            newer.fresh()));
                    unflushed = kept;
                    batchDefinitions.putAll(unflushedDefinitions);
                    unflushedDefinitions = batchDefinitions;
                    flushing = Map.of();
                    flushingDefinitions = Map.of();
                }
                throw e;
            }
            synchronized (this) {
                flushing = Map.of();
                flushingDefinitions = Map.of();
            }
            for (Path closed : closedSegments) {
                try {
                    Files.deleteIfExists(closed);
                } catch (IOException e) {
                    LOG.warn("Cannot delete Step Functions journal segment {}; its changes are in the tables",
                            closed, e);
                }
            }
            closedSegments.clear();
        }
    }

    @Override
    public void close() {
        flusher.close();
        synchronized (this) {
            try {
                journal.close();
            } catch (IOException e) {
                LOG.warn("Closing the Step Functions journal failed", e);
            }
        }
    }


    private void recover(List<Path> segments) throws IOException {
        if (segments.isEmpty()) {
            return;
        }
        Map<String, Unflushed> recovered = new LinkedHashMap<>();
        Map<String, String> recoveredDefinitions = new HashMap<>();
        SegmentJournal.replayAll(segments, record -> ExecutionJournal.replay(record, recovered,
                recoveredDefinitions));
        database.inTransaction(connection -> {
            ExecutionTables.write(connection, recovered, recoveredDefinitions);
            for (Unflushed execution : recovered.values()) {
                if (execution.row().stopMillis() != null) {
                    ExecutionTables.closeTokens(connection, execution.row().arn());
                }
            }
            return null;
        });
        for (Path segment : segments) {
            Files.deleteIfExists(segment);
        }
        LOG.info("Wrote {} executions the journal held from before the restart to the tables", recovered.size());
    }

    private void append(List<byte[]> records) {
        try {
            journal.append(records);
        } catch (IOException e) {
            throw new StoreException("Cannot write the Step Functions journal", e);
        }
    }

    /** Called with the lock held, after the journal has the change. */
    private void remember(Row row, List<Event> events, boolean fresh) {
        ExecutionJournal.merge(unflushed, row, events, fresh);
        unflushedEvents += events.size();
        if (row.stopMillis() == null) {
            running.put(row.arn(), new Row(row.arn(), row.stateMachineArn(), row.name(), row.status(),
                    row.startMillis(), null, null));
        } else {
            running.remove(row.arn());
        }
        if (unflushedEvents >= MAX_UNFLUSHED_EVENTS) {
            unflushedEvents = 0;
            flusher.soon();
        }
    }

    private boolean known(String arn) {
        return running.containsKey(arn) || unflushed.containsKey(arn) || flushing.containsKey(arn);
    }

    private Row unflushedRow(String arn) {
        Unflushed execution = unflushed.get(arn);
        if (execution == null) {
            execution = flushing.get(arn);
        }
        return execution == null ? null : execution.row();
    }

    /** The execution's latest row: unflushed, or in the table; null when there is none. */
    private Row latest(String arn) {
        Row row = unflushedRow(arn);
        if (row != null) {
            return row;
        }
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT state_machine_arn, name, status, start_ms, stop_ms FROM sfn_execution WHERE arn = ?")) {
                statement.setString(1, arn);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return null;
                    }
                    long stop = rows.getLong(5);
                    return new Row(arn, rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.wasNull() ? null : stop, null);
                }
            }
        });
    }

    private ExecutionRecord record(Row row) {
        return new ExecutionRecord(row.arn(), row.stateMachineArn(), row.name(), row.status(), row.startMillis(),
                row.stopMillis(), readExecution(row.doc()));
    }

    private List<Event> events(List<ObjectNode> events) {
        List<Event> written = new ArrayList<>(events.size());
        for (ObjectNode event : events) {
            written.add(new Event(event.path("id").asLong(), write(event)));
        }
        return written;
    }

    /**
     * An execution's document as stored: its definition (the same text for every execution of a
     * state machine version, and rewritten with every transition otherwise) is kept once in
     * {@code sfn_definition} and referenced by its SHA-256.
     */
    private String writeExecution(ObjectNode doc, String ref) {
        if (ref == null) {
            return write(doc);
        }
        JsonNode definition = doc.remove("definition");
        try {
            doc.put(DEFINITION_REF, ref);
            return write(doc);
        } finally {
            doc.remove(DEFINITION_REF);
            doc.set("definition", definition);
        }
    }

    private ObjectNode readExecution(String json) {
        ObjectNode doc = read(json);
        JsonNode ref = doc.remove(DEFINITION_REF);
        if (ref != null) {
            doc.put("definition", definitionText(ref.asText()));
        }
        return doc;
    }

    private String definitionText(String ref) {
        String definition = definitions.get(ref);
        if (definition != null) {
            return definition;
        }
        synchronized (this) {
            definition = unflushedDefinitions.getOrDefault(ref, flushingDefinitions.get(ref));
        }
        if (definition == null) {
            definition = database.inTransaction(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT text FROM sfn_definition WHERE ref = ?")) {
                    statement.setString(1, ref);
                    try (ResultSet rows = statement.executeQuery()) {
                        if (!rows.next()) {
                            throw new IllegalStateException("Corrupt stored execution: definition " + ref
                                    + " is missing");
                        }
                        return rows.getString(1);
                    }
                }
            });
        }
        if (definitions.size() > MAX_CACHED_DEFINITIONS) {
            definitions.clear();
        }
        definitions.put(ref, definition);
        return definition;
    }

    private String definitionRef(String definition) {
        String known = refs.get(definition);
        if (known != null) {
            return known;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            String ref = HexFormat.of().formatHex(hash);
            if (refs.size() > MAX_CACHED_DEFINITIONS) {
                refs.clear();
            }
            refs.put(definition, ref);
            return ref;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    String write(ObjectNode doc) {
        try {
            return mapper.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    ObjectNode read(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt stored execution: " + e.getOriginalMessage(), e);
        }
    }

    Database database() {
        return database;
    }
}
