package org.kycsuite.localcloud.sfn.store;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kycsuite.localcloud.store.SegmentJournal;

/** The records of the Step Functions journal: a definition's text, or an execution's row with new events. */
final class ExecutionJournal {

    private static final byte DEFINITION = 1;
    private static final byte EXECUTION = 2;

    private ExecutionJournal() {
    }

    /** An execution's row; {@code doc} as stored (definition by reference). */
    record Row(String arn, String stateMachineArn, String name, String status, long startMillis,
                       Long stopMillis, String doc) {
    }

    record Event(long id, String doc) {
    }

    /** An execution's latest row and the history events not in the tables yet. */
    static final class Unflushed {
        private Row row;
        private final List<Event> events = new ArrayList<>();
        private final boolean fresh;

        private Unflushed(Row row, boolean fresh) {
            this.row = row;
            this.fresh = fresh;
        }

        /** True when its row is not in the table yet for certain (it was inserted since the last flush). */
        boolean fresh() {
            return fresh;
        }

        Row row() {
            return row;
        }

        List<Event> events() {
            return events;
        }
    }

    static void merge(Map<String, Unflushed> into, Row row, List<Event> events, boolean fresh) {
        Unflushed execution = into.get(row.arn());
        if (execution == null) {
            execution = new Unflushed(row, fresh);
            into.put(row.arn(), execution);
        } else {
            execution.row = row;
        }
        execution.events.addAll(events);
    }

    static byte[] definitionRecord(String ref, String text) {
        return SegmentJournal.record(out -> {
            out.writeByte(DEFINITION);
            out.writeUTF(ref);
            SegmentJournal.writeText(out, text);
        });
    }

    static byte[] executionRecord(Row row, List<Event> events) {
        return SegmentJournal.record(out -> {
            out.writeByte(EXECUTION);
            out.writeUTF(row.arn());
            out.writeUTF(row.stateMachineArn());
            out.writeUTF(row.name());
            out.writeUTF(row.status());
            out.writeLong(row.startMillis());
            out.writeBoolean(row.stopMillis() != null);
            if (row.stopMillis() != null) {
                out.writeLong(row.stopMillis());
            }
            SegmentJournal.writeText(out, row.doc());
            out.writeInt(events.size());
            for (Event event : events) {
                out.writeLong(event.id());
                SegmentJournal.writeText(out, event.doc());
            }
        });
    }

    /** Applies one journal record to {@code into} (executions) and {@code definitions}. */
    static void replay(byte[] record, Map<String, Unflushed> into, Map<String, String> definitions)
            throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            byte kind = in.readByte();
            if (kind == DEFINITION) {
                definitions.put(in.readUTF(), SegmentJournal.readText(in));
                return;
            }
            if (kind != EXECUTION) {
                throw new IOException("Unknown Step Functions journal record " + kind);
            }
            String arn = in.readUTF();
            String machine = in.readUTF();
            String name = in.readUTF();
            String status = in.readUTF();
            long start = in.readLong();
            Long stop = in.readBoolean() ? in.readLong() : null;
            Row row = new Row(arn, machine, name, status, start, stop, SegmentJournal.readText(in));
            int count = in.readInt();
            List<Event> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(new Event(in.readLong(), SegmentJournal.readText(in)));
            }
            merge(into, row, events, false);
        }
    }
}
