package org.kycsuite.localcloud.delivery;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.kycsuite.localcloud.store.Database;
import org.kycsuite.localcloud.store.SegmentJournal;
import org.kycsuite.localcloud.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pending deliveries: in memory, with a journal ({@code delivery-journal-<n>.bin}) as the crash-recovery
 * copy. A delivery is journaled before PutEvents answers and marked done only once the target (or its
 * dead-letter queue) has the event, which is what makes delivery at-least-once. Each change is one
 * small append, not a database transaction: most deliveries are done within milliseconds, and their
 * records are dropped at the next compaction, which writes what is still owed into a fresh segment
 * and deletes the older ones. At start the journal is replayed; what it still owes is what a crash
 * left undelivered.
 *
 * <p>Data directories from before the journal kept pending deliveries in the H2 table {@code delivery};
 * rows found there are taken over into the journal at start.
 */
public final class DeliveryStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryStore.class);
    private static final int PAGE = 1000;
    /** The journal is compacted when its segment is larger than this and than four times what is owed. */
    private static final long MIN_COMPACTION_BYTES = 32L << 20;
    private static final byte ADDED = 1;
    private static final byte DONE = 2;
    private static final byte RETRIED = 3;
    private static final byte LAST_ID = 4;

    private final SegmentJournal journal;
    private final Map<Long, Delivery> owed = new ConcurrentHashMap<>();
    /** Guarded by {@code this}, like every journal write. */
    private long lastId;
    private long owedBytes;

    /** Opens the journal in {@code dataDir}, replays what is there and takes over {@code legacy}'s rows. */
    public DeliveryStore(Path dataDir, Database legacy) {
        try {
            this.journal = new SegmentJournal(dataDir, "delivery-journal");
            List<Path> replayed = journal.leftOver();
            SegmentJournal.replayAll(replayed, this::apply);
            int takenOver = takeOver(legacy);
            synchronized (this) {
                compact(replayed);
            }
            if (takenOver > 0) {
                clear(legacy);
            }
        } catch (IOException e) {
            throw new StoreException("Cannot open the delivery journal in " + dataDir, e);
        }
    }

    /** A new delivery, due now; stored by {@link #enqueue}. */
    public synchronized Delivery newDelivery(String ruleArn, String target, String event, long ingestedAtMillis) {
        return new Delivery(++lastId, ruleArn, target, event, 0, ingestedAtMillis, ingestedAtMillis);
    }

    /** Journals new deliveries; returns once they would survive a crash of the process. */
    public synchronized void enqueue(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        List<byte[]> records = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            records.add(added(delivery));
        }
        write(records);
        for (Delivery delivery : deliveries) {
            remember(delivery);
        }
    }

    /** Every stored delivery in id order, a page at a time: what a restart still owes. */
    public void forEachStored(Consumer<List<Delivery>> page) {
        List<Delivery> all = new ArrayList<>(owed.values());
        all.sort((a, b) -> Long.compare(a.id(), b.id()));
        for (int from = 0; from < all.size(); from += PAGE) {
            page.accept(all.subList(from, Math.min(all.size(), from + PAGE)));
        }
    }

    /** Marks delivered (or dead-lettered) deliveries done. */
    public synchronized void deleteAll(Collection<Long> ids) {
        List<byte[]> records = new ArrayList<>(ids.size());
        for (long id : ids) {
            if (owed.containsKey(id)) {
                records.add(record(DONE, id, out -> { }));
            }
        }
        if (records.isEmpty()) {
            return;
        }
        write(records);
        ids.forEach(this::forget);
        if (journal.size() > Math.max(MIN_COMPACTION_BYTES, 4 * owedBytes)) {
            compact(List.of());
        }
    }

    /** Records a failed attempt; the delivery is due again at {@code nextAtMillis}. */
    public synchronized void retryLater(long id, int attempts, long nextAtMillis, String error) {
        Delivery delivery = owed.get(id);
        if (delivery == null) {
            return;
        }
        write(List.of(record(RETRIED, id, out -> {
            out.writeInt(attempts);
            out.writeLong(nextAtMillis);
        })));
        owed.put(id, delivery.retried(attempts, nextAtMillis));
        LOG.trace("Delivery {} failed: {}", id, error);
    }

    /** How many deliveries are still owed. */
    public long pending() {
        return owed.size();
    }

    @Override
    public synchronized void close() {
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("Closing the delivery journal failed", e);
        }
    }

    private void write(List<byte[]> records) {
        try {
            journal.append(records);
        } catch (IOException e) {
            throw new StoreException("Cannot write the delivery journal", e);
        }
    }

    /** Starts a new segment holding what is still owed, then deletes the older segments. */
    private void compact(List<Path> older) {
        try {
            Path closed = journal.rotate();
            List<byte[]> snapshot = new ArrayList<>(owed.size() + 1);
            long last = lastId;
            snapshot.add(record(LAST_ID, last, out -> { }));
            for (Delivery delivery : owed.values()) {
                snapshot.add(added(delivery));
            }
            journal.append(snapshot);
            for (Path segment : older) {
                Files.deleteIfExists(segment);
            }
            Files.deleteIfExists(closed);
        } catch (IOException e) {
            throw new StoreException("Cannot compact the delivery journal", e);
        }
    }

    private void remember(Delivery delivery) {
        if (owed.put(delivery.id(), delivery) == null) {
            owedBytes += size(delivery);
        }
    }

    private void forget(long id) {
        Delivery removed = owed.remove(id);
        if (removed != null) {
            owedBytes -= size(removed);
        }
    }

    private static long size(Delivery delivery) {
        return 64L + delivery.ruleArn().length() + delivery.target().length() + delivery.event().length();
    }

    private void apply(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte kind = in.readByte();
            long id = in.readLong();
            lastId = Math.max(lastId, id);
            switch (kind) {
                case ADDED -> remember(new Delivery(id, in.readUTF(), SegmentJournal.readText(in),
                        SegmentJournal.readText(in), in.readInt(), in.readLong(), in.readLong()));
                case DONE -> forget(id);
                case RETRIED -> {
                    Delivery delivery = owed.get(id);
                    if (delivery != null) {
                        owed.put(id, delivery.retried(in.readInt(), in.readLong()));
                    }
                }
                case LAST_ID -> { }
                default -> throw new IOException("Unknown delivery journal record " + kind);
            }
        } catch (IOException e) {
            throw new StoreException("The delivery journal holds a record it cannot read", e);
        }
    }

    private static byte[] added(Delivery delivery) {
        return record(ADDED, delivery.id(), out -> {
            out.writeUTF(delivery.ruleArn());
            SegmentJournal.writeText(out, delivery.target());
            SegmentJournal.writeText(out, delivery.event());
            out.writeInt(delivery.attempts());
            out.writeLong(delivery.ingestedAtMillis());
            out.writeLong(delivery.nextAtMillis());
        });
    }

    private static byte[] record(byte kind, long id, SegmentJournal.Fields fields) {
        return SegmentJournal.record(out -> {
            out.writeByte(kind);
            out.writeLong(id);
            fields.write(out);
        });
    }

    private int takeOver(Database legacy) {
        List<Delivery> rows = legacy.inTransaction(connection -> {
            List<Delivery> found = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, rule_arn, target, event, "
                    + "attempts, ingested_at, next_at FROM delivery ORDER BY id");
                 ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    found.add(new Delivery(result.getLong(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getInt(5), result.getLong(6), result.getLong(7)));
                }
            }
            return found;
        });
        for (Delivery row : rows) {
            Delivery delivery = new Delivery(++lastId, row.ruleArn(), row.target(), row.event(), row.attempts(),
                    row.ingestedAtMillis(), row.nextAtMillis());
            remember(delivery);
        }
        if (!rows.isEmpty()) {
            LOG.info("Took over {} pending deliveries from the database into the delivery journal", rows.size());
        }
        return rows.size();
    }

    private static void clear(Database legacy) {
        legacy.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("DELETE FROM delivery");
            }
        });
    }
}
