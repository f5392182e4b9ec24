package org.kycsuite.localcloud.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elasticmq.persistence.sql.DBMessage;
import org.junit.jupiter.api.Test;
import scala.Option;

class MessageJournalTest {

    private static DBMessage message(String id, String body) {
        return new DBMessage(id, new byte[] {1, 2}, 42L, body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null, 7L, Option.apply(9L), 1, Option.empty(), Option.apply("dedup"), Option.empty(),
                Option.empty(), Option.empty());
    }

    @Test
    void changesReadBackInOrderWithEveryField() throws Exception {
        Path dir = Files.createTempDirectory("journal");
        Path segment;
        try (MessageJournal journal = new MessageJournal(dir)) {
            journal.append(List.of(
                    new MessageJournal.Change(MessageJournal.Kind.ADDED, "q", "a", message("a", "é€")),
                    new MessageJournal.Change(MessageJournal.Kind.REMOVED, "q", "b", null)));
            segment = journal.rotate();
        }
        MessageJournal.Replay replay = MessageJournal.replay(segment);
        assertThat(replay.complete()).isTrue();
        assertThat(replay.changes()).extracting(MessageJournal.Change::kind)
                .containsExactly(MessageJournal.Kind.ADDED, MessageJournal.Kind.REMOVED);
        DBMessage read = replay.changes().get(0).message();
        assertThat(new String(read.content(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("é€");
        assertThat(read.deliveryReceipts()).containsExactly(1, 2);
        assertThat(read.attributes()).isNull();
        assertThat(read.nextDelivery()).isEqualTo(42L);
        assertThat(read.received()).isEqualTo(Option.apply(9L));
        assertThat(read.deduplicationId()).isEqualTo(Option.apply("dedup"));
        assertThat(read.groupId().isEmpty()).isTrue();
        assertThat(replay.changes().get(1).messageId()).isEqualTo("b");
    }

    @Test
    void aWriteCutShortByACrashEndsTheReplayAndIsReportedAsIncomplete() throws Exception {
        Path dir = Files.createTempDirectory("journal");
        Path segment;
        try (MessageJournal journal = new MessageJournal(dir)) {
            journal.append(List.of(new MessageJournal.Change(MessageJournal.Kind.ADDED, "q", "a", message("a", "1"))));
            journal.append(List.of(new MessageJournal.Change(MessageJournal.Kind.ADDED, "q", "b", message("b", "2"))));
            segment = journal.rotate();
        }
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(file.length() - 3);
        }
        MessageJournal.Replay replay = MessageJournal.replay(segment);
        assertThat(replay.complete()).isFalse();
        assertThat(replay.changes()).extracting(MessageJournal.Change::messageId).containsExactly("a");
    }

    @Test
    void segmentsLeftByAnEarlierRunAreFoundOldestFirstAndNewOnesNumberedAfterThem() throws Exception {
        Path dir = Files.createTempDirectory("journal");
        Files.write(dir.resolve("sqs-journal-10.bin"), new byte[0]);
        Files.write(dir.resolve("sqs-journal-9.bin"), new byte[0]);
        try (MessageJournal journal = new MessageJournal(dir)) {
            assertThat(journal.leftOver()).extracting(path -> path.getFileName().toString())
                    .containsExactly("sqs-journal-9.bin", "sqs-journal-10.bin");
            journal.append(List.of(new MessageJournal.Change(MessageJournal.Kind.REMOVED, "q", "x", null)));
            assertThat(journal.rotate().getFileName().toString()).isEqualTo("sqs-journal-11.bin");
        }
    }
}
