package org.kycsuite.localcloud.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kycsuite.localcloud.store.Database;

class ArchivedEventsTest {

    private static final long NEVER = 3_600_000;

    @TempDir
    Path dataDir;

    @TempDir
    Path saved;

    @Test
    void copiesOnlyInTheJournalWhenTheProcessDiesAreArchivedAtTheNextStartOnce() throws Exception {
        try (Database database = Database.open(dataDir)) {
            ArchivedEvents crashed = new ArchivedEvents(dataDir, database, NEVER);
            crashed.record(List.of(copy("a", 1), copy("a", 2), copy("b", 3)));
            // What a kill -9 leaves: no flush, no close; the copies are in the journal only.
            List<Path> segments = segments();
            assertThat(segments).isNotEmpty();
            for (Path segment : segments) {
                Files.copy(segment, saved.resolve(segment.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }

            try (ArchivedEvents restarted = new ArchivedEvents(dataDir, database, NEVER)) {
                assertThat(restarted.countAndSize("a")[0]).isEqualTo(2);
                assertThat(restarted.events("a", 0, Long.MAX_VALUE, 0, 10)).extracting(Archives.StoredEvent::event)
                        .containsExactly("{\"n\":1}", "{\"n\":2}");
                assertThat(segments()).doesNotContainAnyElementsOf(segments);
            }
            // A crash after the copies reached the table but before their segment was deleted archives
            // nothing twice.
            try (Stream<Path> kept = Files.list(saved)) {
                for (Path segment : kept.toList()) {
                    Files.copy(segment, dataDir.resolve(segment.getFileName()));
                }
            }
            try (ArchivedEvents again = new ArchivedEvents(dataDir, database, NEVER)) {
                assertThat(again.countAndSize("a")[0]).isEqualTo(2);
                assertThat(again.countAndSize("b")[0]).isEqualTo(1);
                again.record(List.of(copy("b", 4)));
                assertThat(again.events("b", 0, Long.MAX_VALUE, 0, 10)).extracting(Archives.StoredEvent::event)
                        .containsExactly("{\"n\":3}", "{\"n\":4}");
            }
        }
    }

    @Test
    void aReadSeesEveryCopyRecordedBeforeIt() throws Exception {
        try (Database database = Database.open(dataDir);
             ArchivedEvents archived = new ArchivedEvents(dataDir, database, NEVER)) {
            List<Archives.ArchivedEvent> copies = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                copies.add(copy("a", i));
            }
            archived.record(copies);
            assertThat(archived.countAndSize("a")).containsExactly(25, copies.stream()
                    .mapToLong(copy -> copy.event().length()).sum());
            archived.deleteAll("a");
            assertThat(archived.countAndSize("a")[0]).isZero();
        }
    }

    private static Archives.ArchivedEvent copy(String archive, int n) {
        return new Archives.ArchivedEvent(archive, 1000L + n, "{\"n\":" + n + "}");
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("archive-journal-")).toList();
        }
    }
}
