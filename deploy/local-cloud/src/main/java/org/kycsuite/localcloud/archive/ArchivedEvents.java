package org.kycsuite.localcloud.archive;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.kycsuite.localcloud.store.Database;
import org.kycsuite.localcloud.store.PeriodicFlush;
import org.kycsuite.localcloud.store.SegmentJournal;
import org.kycsuite.localcloud.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archived events: the H2 table {@code archived_event}, with a journal
 * ({@code archive-journal-<n>.bin}) in front of it. PutEvents appends its archive copies to the journal
 * before it answers, so an accepted event is archived exactly when it is accepted and survives
 * {@code kill -9}; a flusher moves them into the table about once a second, in one transaction, and
 * then deletes the journal segment they were in. Reads flush first, so they see every event
 * accepted before them. At start, segments a crash left are written to the table again (by id, so
 * an event already there is not archived twice).
 */
final class ArchivedEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchivedEvents.class);
    private static final long FLUSH_MILLIS = 1000;
    private static final int MAX_UNFLUSHED = 5000;

    /** One archived event. */
    record Copy(long id, String archive, long ingestedAtMillis, String event) {
    }

    private final Database database;
    private final SegmentJournal journal;
    private final Object flushing = new Object();
    private final PeriodicFlush flusher;
    /** Guarded by {@code this}, like every journal write. */
    private List<Copy> unflushed = new ArrayList<>();
    private long lastId;
    /** Closed segments whose copies are not in the table yet; guarded by {@code flushing}. */
    private final List<Path> closedSegments = new ArrayList<>();

    ArchivedEvents(Path dataDir, Database database) {
        this(dataDir, database, FLUSH_MILLIS);
    }

    /** With the flusher running every {@code flushMillis} (tests stretch it to see what only the journal holds). */
    ArchivedEvents(Path dataDir, Database database, long flushMillis) {
        this.database = database;
        try {
            this.journal = new SegmentJournal(dataDir, "archive-journal");
            List<Copy> recovered = new ArrayList<>();
            SegmentJournal.replayAll(journal.leftOver(), record -> recovered.add(read(record)));
            if (!recovered.isEmpty()) {
                insert(recovered);
                LOG.info("Archived {} events the journal held from before the restart", recovered.size());
            }
            for (Path segment : journal.leftOver()) {
                Files.deleteIfExists(segment);
            }
        } catch (IOException e) {
            throw new StoreException("Cannot open the archive journal in " + dataDir, e);
        }
        this.lastId = database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT COALESCE(MAX(id), 0) FROM archived_event"); ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        this.flusher = new PeriodicFlush("bus-archive", flushMillis, this::flush, "archived events");
    }

    /** Journals archive copies of accepted events; returns once they would survive a crash of the process. */
    void record(List<Archives.ArchivedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        boolean full;
        synchronized (this) {
            List<Copy> copies = new ArrayList<>(events.size());
            List<byte[]> records = new ArrayList<>(events.size());
            for (Archives.ArchivedEvent event : events) {
                Copy copy = new Copy(++lastId, event.archive(), event.ingestedAtMillis(), event.event());
                copies.add(copy);
                records.add(write(copy));
            }
            try {
                journal.append(records);
            } catch (IOException e) {
                lastId -= events.size();
                throw new StoreException("Cannot write the archive journal", e);
            }
            unflushed.addAll(copies);
            full = unflushed.size() >= MAX_UNFLUSHED;
        }
        if (full) {
            flusher.soon();
        }
    }

    /** Moves journaled copies into the table; returns once they are committed there. */
    void flush() {
        synchronized (flushing) {
            List<Copy> batch;
            synchronized (this) {
                if (unflushed.isEmpty()) {
                    return;
                }
                try {
                    closedSegments.add(journal.rotate());
                } catch (IOException e) {
                    throw new StoreException("Cannot rotate the archive journal", e);
                }
                batch = unflushed;
                unflushed = new ArrayList<>();
            }
            try {
                insert(batch);
            } catch (RuntimeException e) {
                // Kept for the next flush; the closed segments stay until then (or the next start).
                synchronized (this) {
                    batch.addAll(unflushed);
                    unflushed = batch;
                }
                throw e;
            }
            for (Path closed : closedSegments) {
                try {
                    Files.deleteIfExists(closed);
                } catch (IOException e) {
                    LOG.warn("Cannot delete archive journal segment {}; its events are in the table", closed, e);
                }
            }
            closedSegments.clear();
        }
    }

    /** Archived events with {@code fromMillis <= ingested < toMillis}, after row {@code afterId}, in order. */
    List<Archives.StoredEvent> events(String archive, long fromMillis, long toMillis, long afterId, int limit) {
        flush();
        return database.inTransaction(connection -> {
            List<Archives.StoredEvent> events = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, ingested_at, event "
                    + "FROM archived_event WHERE archive = ? AND ingested_at >= ? AND ingested_at < ? AND id > ? "
                    + "ORDER BY id LIMIT ?")) {
                statement.setString(1, archive);
                statement.setLong(2, fromMillis);
                statement.setLong(3, toMillis);
                statement.setLong(4, afterId);
                statement.setInt(5, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        events.add(new Archives.StoredEvent(rows.getLong(1), rows.getLong(2), rows.getString(3)));
                    }
                }
            }
            return events;
        });
    }

    /** The number of events in {@code archive} and their size in bytes. */
    long[] countAndSize(String archive) {
        flush();
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT COUNT(*), COALESCE(SUM(OCTET_LENGTH(event)), 0) FROM archived_event WHERE archive = ?")) {
                statement.setString(1, archive);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return new long[] {rows.getLong(1), rows.getLong(2)};
                }
            }
        });
    }

    /** Deletes every event of {@code archive}. */
    void deleteAll(String archive) {
        flush();
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM archived_event WHERE archive = ?")) {
                statement.setString(1, archive);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        flusher.close();
        synchronized (this) {
            try {
                journal.close();
            } catch (IOException e) {
                LOG.warn("Closing the archive journal failed", e);
            }
        }
    }


    private void insert(List<Copy> copies) {
        database.inTransaction(connection -> {
            insert(connection, copies);
            return null;
        });
    }

    private static void insert(Connection connection, List<Copy> copies) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "MERGE INTO archived_event (id, archive, ingested_at, event) KEY (id) VALUES (?, ?, ?, ?)")) {
            for (Copy copy : copies) {
                statement.setLong(1, copy.id());
                statement.setString(2, copy.archive());
                statement.setLong(3, copy.ingestedAtMillis());
                statement.setString(4, copy.event());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static byte[] write(Copy copy) {
        return SegmentJournal.record(out -> {
            out.writeLong(copy.id());
            out.writeUTF(copy.archive());
            out.writeLong(copy.ingestedAtMillis());
            SegmentJournal.writeText(out, copy.event());
        });
    }

    private static Copy read(byte[] record) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            return new Copy(in.readLong(), in.readUTF(), in.readLong(), SegmentJournal.readText(in));
        }
    }
}
