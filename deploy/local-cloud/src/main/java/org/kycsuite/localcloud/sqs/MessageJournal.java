package org.kycsuite.localcloud.sqs;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.elasticmq.persistence.sql.DBMessage;
import scala.Option;

/**
 * The SQS store's write-ahead journal: append-only segment files of message changes in the data
 * directory ({@code sqs-journal-<n>.bin}). A batch of changes is written with one {@code write}
 * before ElasticMQ is told they are stored, so an acknowledged send, receive or delete survives
 * {@code kill -9} of the process (the bytes are in the operating system's cache; like H2's commits
 * here they are not fsync'd per batch, so a power cut may lose the last moments). At a checkpoint the
 * current segment is closed and a new one begun; the closed one is deleted once its changes are
 * committed to the tables. At start, segments still present are replayed in order.
 *
 * <p>Each record is {@code [length][CRC-32][payload]}; a record cut short by a crash, or whose checksum
 * does not match, ends the replay of its segment.
 */
final class MessageJournal implements AutoCloseable {

    /** One stored change; {@code message} is null for a removal. */
    record Change(Kind kind, String queueName, String messageId, DBMessage message) {
    }

    enum Kind { ADDED, UPDATED, REMOVED }

    /** The outcome of {@link #replay(Path)}: {@code complete} is false when a damaged tail was left out. */
    record Replay(List<Change> changes, long bytes, long fileBytes, boolean complete) {
    }

    private static final Pattern SEGMENT = Pattern.compile("sqs-journal-(\\d+)\\.bin");

    private final Path directory;
    private final List<Path> leftOver;
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
    private final ByteArrayOutputStream record = new ByteArrayOutputStream(4 * 1024);
    private final CRC32 crc = new CRC32();
    private long number;
    private Path current;
    private FileChannel channel;
    private long size;

    /** Opens the journal in {@code directory}; segments already there are {@link #leftOver()}. */
    MessageJournal(Path directory) throws IOException {
        this.directory = directory;
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> SEGMENT.matcher(file.getFileName().toString()).matches()).forEach(found::add);
        }
        found.sort(Comparator.comparingLong(MessageJournal::numberOf));
        this.leftOver = List.copyOf(found);
        this.number = found.isEmpty() ? 0 : numberOf(found.get(found.size() - 1));
        startSegment();
    }

    /** Segments a previous run left, oldest first: changes that may not be in the tables yet. */
    List<Path> leftOver() {
        return leftOver;
    }

    /** Bytes in the current segment. */
    long size() {
        return size;
    }

    /** Writes {@code changes} at the end of the current segment in one write. */
    void append(List<Change> changes) throws IOException {
        batch.reset();
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
            crc.reset();
            crc.update(record.toByteArray());
            DataOutputStream header = new DataOutputStream(batch);
            header.writeInt(record.size());
            header.writeInt((int) crc.getValue());
            record.writeTo(batch);
        }
        ByteBuffer buffer = ByteBuffer.wrap(batch.toByteArray());
        long position = size;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        size = position;
    }

    /** Closes the current segment and begins the next; returns the closed one. */
    Path rotate() throws IOException {
        Path closed = current;
        channel.close();
        startSegment();
        return closed;
    }

    /**
     * Every complete record of {@code segment}, in order; stops at a record cut short or damaged (the
     * end of the last write before a crash).
     */
    static Replay replay(Path segment) throws IOException {
        List<Change> changes = new ArrayList<>();
        long fileBytes = Files.size(segment);
        long readBytes = 0;
        CRC32 crc = new CRC32();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment),
                1 << 16))) {
            while (true) {
                int length;
                int checksum;
                byte[] payload;
                try {
                    length = in.readInt();
                    checksum = in.readInt();
                } catch (EOFException end) {
                    return new Replay(changes, readBytes, fileBytes, readBytes == fileBytes);
                }
                if (length < 0 || length > fileBytes) {
                    return new Replay(changes, readBytes, fileBytes, false);
                }
                payload = in.readNBytes(length);
                crc.reset();
                crc.update(payload);
                if (payload.length < length || (int) crc.getValue() != checksum) {
                    return new Replay(changes, readBytes, fileBytes, false);
                }
                changes.add(readChange(new DataInputStream(new ByteArrayInputStream(payload))));
                readBytes += 8 + length;
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (size == 0) {
            Files.deleteIfExists(current);
        }
    }

    private void startSegment() throws IOException {
        number++;
        current = directory.resolve("sqs-journal-" + number + ".bin");
        channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        size = 0;
    }

    private static long numberOf(Path segment) {
        Matcher matcher = SEGMENT.matcher(segment.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a journal segment: " + segment);
        }
        return Long.parseLong(matcher.group(1));
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
