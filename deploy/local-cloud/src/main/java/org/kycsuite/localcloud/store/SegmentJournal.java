package org.kycsuite.localcloud.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only journal of opaque records in numbered segment files ({@code <prefix>-<n>.bin}) in the
 * data directory: the write-ahead log the local cloud's stores put in front of H2. {@link #append}
 * writes a batch of records with one {@code write}, so what it returned for survives {@code kill -9}
 * of the process (the bytes are in the operating system's cache; like H2's commits here they are not
 * fsync'd, so a power cut may lose the last moments). The owner decides when to {@link #rotate} and
 * when a closed segment is no longer needed; at start the segments a previous run left are
 * {@link #leftOver()}, to be {@link #replay replayed} in order.
 *
 * <p>Each record is {@code [length][CRC-32][payload]}; a record cut short by a crash, or whose checksum
 * does not match, ends the replay of its segment. Not thread-safe: the owner serialises calls.
 */
public final class SegmentJournal implements AutoCloseable {

    /** The outcome of {@link #replay(Path)}: {@code complete} is false when a damaged tail was left out. */
    public record Replay(List<byte[]> records, long bytes, long fileBytes, boolean complete) {
    }

    /** Writes one record's fields. */
    @FunctionalInterface
    public interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SegmentJournal.class);

    private final Path directory;
    private final String prefix;
    private final Pattern segmentName;
    private final List<Path> leftOver;
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
    private final CRC32 crc = new CRC32();
    private long number;
    private Path current;
    private FileChannel channel;
    private long size;

    /** Opens the journal {@code prefix} in {@code directory}; segments already there are {@link #leftOver()}. */
    public SegmentJournal(Path directory, String prefix) throws IOException {
        this.directory = directory;
        this.prefix = prefix;
        this.segmentName = Pattern.compile(Pattern.quote(prefix) + "-(\\d+)\\.bin");
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> segmentName.matcher(file.getFileName().toString()).matches()).forEach(found::add);
        }
        found.sort(Comparator.comparingLong(this::numberOf));
        this.leftOver = List.copyOf(found);
        this.number = found.isEmpty() ? 0 : numberOf(found.get(found.size() - 1));
        startSegment();
    }

    /** Segments a previous run left, oldest first. */
    public List<Path> leftOver() {
        return leftOver;
    }

    /** Bytes in the current segment. */
    public long size() {
        return size;
    }

    /** Writes {@code records} at the end of the current segment in one write. */
    public void append(List<byte[]> records) throws IOException {
        batch.reset();
        DataOutputStream header = new DataOutputStream(batch);
        for (byte[] record : records) {
            crc.reset();
            crc.update(record);
            header.writeInt(record.length);
            header.writeInt((int) crc.getValue());
            header.write(record);
        }
        header.flush();
        ByteBuffer buffer = ByteBuffer.wrap(batch.toByteArray());
        long position = size;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        size = position;
    }

    /** Closes the current segment and begins the next; returns the closed one. */
    public Path rotate() throws IOException {
        Path closed = current;
        channel.close();
        startSegment();
        return closed;
    }

    /**
     * Every complete record of {@code segment}, in order; stops at a record cut short or damaged (the
     * end of the last write before a crash).
     */
    public static Replay replay(Path segment) throws IOException {
        List<byte[]> records = new ArrayList<>();
        long fileBytes = Files.size(segment);
        long readBytes = 0;
        CRC32 crc = new CRC32();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment),
                1 << 16))) {
            while (true) {
                int length;
                int checksum;
                try {
                    length = in.readInt();
                    checksum = in.readInt();
                } catch (EOFException end) {
                    return new Replay(records, readBytes, fileBytes, readBytes == fileBytes);
                }
                if (length < 0 || length > fileBytes) {
                    return new Replay(records, readBytes, fileBytes, false);
                }
                byte[] payload = in.readNBytes(length);
                crc.reset();
                crc.update(payload);
                if (payload.length < length || (int) crc.getValue() != checksum) {
                    return new Replay(records, readBytes, fileBytes, false);
                }
                records.add(payload);
                readBytes += 8 + length;
            }
        }
    }

    /**
     * Hands every complete record of {@code segments}, in order, to {@code apply}; a segment whose tail a
     * crash cut short is logged and what came before the cut kept.
     */
    public static void replayAll(List<Path> segments, RecordConsumer apply) throws IOException {
        for (Path segment : segments) {
            Replay replay = replay(segment);
            if (!replay.complete()) {
                LOG.warn("Journal {} ends in a record cut short at byte {} of {} (a crash while it was written); "
                        + "what came before it is kept", segment.getFileName(), replay.bytes(), replay.fileBytes());
            }
            for (byte[] record : replay.records()) {
                apply.accept(record);
            }
        }
    }

    /** Takes one replayed record. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(byte[] record) throws IOException;
    }

    /** One record: what {@code fields} writes. */
    public static byte[] record(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            fields.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("Writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** A string of any length as UTF-8 bytes after their count ({@code writeUTF} stops at 64 KiB). */
    public static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** What {@link #writeText} wrote. */
    public static String readText(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
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
        current = directory.resolve(prefix + "-" + number + ".bin");
        channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        size = 0;
    }

    private long numberOf(Path segment) {
        Matcher matcher = segmentName.matcher(segment.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a segment of journal " + prefix + ": " + segment);
        }
        return Long.parseLong(matcher.group(1));
    }
}
