package org.kycsuite.localcloud.sqs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elasticmq.persistence.sql.DBMessage;
import org.kycsuite.localcloud.store.SegmentJournal;
import scala.Option;

/**
 * The SQS store's write-ahead journal: message changes as records of a {@link SegmentJournal}
 * ({@code sqs-journal-<n>.bin}). A batch of changes is written with one {@code write} before ElasticMQ
 * is told they are stored, so an acknowledged send, receive or delete survives {@code kill -9}. At a
 * checkpoint the current segment is closed and a new one begun; the closed one is deleted once its
 * changes are committed to the tables. At start, segments still present are replayed in order.
 */
final class MessageJournal implements AutoCloseable {

    /** One stored change; {@code message} is null for a removal. */
    record Change(Kind kind, String queueName, String messageId, DBMessage message) {
    }

    enum Kind { ADDED, UPDATED, REMOVED }

    /** The outcome of {@link #replay(Path)}: {@code complete} is false when a damaged tail was left out. */
    record Replay(List<Change> changes, long bytes, long fileBytes, boolean complete) {
    }

    private final SegmentJournal segments;
    private final ByteArrayOutputStream record = new ByteArrayOutputStream(4 * 1024);

    /** Opens the journal in {@code directory}; segments already there are {@link #leftOver()}. */
    MessageJournal(Path directory) throws IOException {
        this.segments = new SegmentJournal(directory, "sqs-journal");
    }

    /** Segments a previous run left, oldest first: changes that may not be in the tables yet. */
    List<Path> leftOver() {
        return segments.leftOver();
    }

    /** Bytes in the current segment. */
    long size() {
        return segments.size();
    }

    /** Writes {@code changes} at the end of the current segment in one write. */
    void append(List<Change> changes) throws IOException {
        List<byte[]> records = new ArrayList<>(changes.size());
        for (Change change : changes) {
            record.reset();
            DataOutputStream out = new DataOutputStream(record);
            out.writeByte(change.kind().ordinal());
            out.writeUTF(change.queueName());
            if (change.kind() == Kind.REMOVED) {
                out.writeUTF(change.messageId());
            } else {
                writeMessage(out, change.message());
            }
            out.flush();
            records.add(record.toByteArray());
        }
        segments.append(records);
    }

    /** Closes the current segment and begins the next; returns the closed one. */
    Path rotate() throws IOException {
        return segments.rotate();
    }

    /** Every complete change of {@code segment}, in order; stops at a record cut short or damaged. */
    static Replay replay(Path segment) throws IOException {
        SegmentJournal.Replay replay = SegmentJournal.replay(segment);
        List<Change> changes = new ArrayList<>(replay.records().size());
        for (byte[] payload : replay.records()) {
            changes.add(readChange(new DataInputStream(new ByteArrayInputStream(payload))));
        }
        return new Replay(changes, replay.bytes(), replay.fileBytes(), replay.complete());
    }

    @Override
    public void close() throws IOException {
        segments.close();
    }

    private static void writeMessage(DataOutputStream out, DBMessage message) throws IOException {
        out.writeUTF(message.messageId());
        writeBytes(out, message.deliveryReceipts());
        out.writeLong(message.nextDelivery());
        writeBytes(out, message.content());
        writeBytes(out, message.attributes());
        out.writeLong(message.created());
        Option<Object> received = message.received();
        out.writeBoolean(received.isDefined());
        if (received.isDefined()) {
            out.writeLong((Long) received.get());
        }
        out.writeInt(message.receiveCount());
        writeOptional(out, message.groupId());
        writeOptional(out, message.deduplicationId());
        writeOptional(out, message.tracingId());
        writeOptional(out, message.sequenceNumber());
        writeOptional(out, message.deadLetterSourceQueueName());
    }

    private static Change readChange(DataInputStream in) throws IOException {
        Kind kind = Kind.values()[in.readUnsignedByte()];
        String queueName = in.readUTF();
        if (kind == Kind.REMOVED) {
            return new Change(kind, queueName, in.readUTF(), null);
        }
        String messageId = in.readUTF();
        byte[] receipts = readBytes(in);
        long nextDelivery = in.readLong();
        byte[] content = readBytes(in);
        byte[] attributes = readBytes(in);
        long created = in.readLong();
        Option<Object> received = in.readBoolean() ? Option.apply(in.readLong()) : Option.empty();
        int receiveCount = in.readInt();
        DBMessage message = new DBMessage(messageId, receipts, nextDelivery, content, attributes, created, received,
                receiveCount, readOptional(in), readOptional(in), readOptional(in), readOptional(in),
                readOptional(in));
        return new Change(kind, queueName, messageId, message);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }

    private static void writeOptional(DataOutputStream out, Option<String> value) throws IOException {
        out.writeBoolean(value.isDefined());
        if (value.isDefined()) {
            out.writeUTF(value.get());
        }
    }

    private static Option<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Option.apply(in.readUTF()) : Option.empty();
    }
}
