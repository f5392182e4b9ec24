package org.kycsuite.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClassDataSharingTest {

    @Test
    void writesAnArchiveAtExitUntilOneNewerThanTheJarExistsThenUsesIt() throws Exception {
        Path dir = Files.createTempDirectory("cds");
        Path jar = Files.writeString(dir.resolve("app.jar"), "jar");
        Path archive = dir.resolve("cds").resolve("app.jsa");

        assertThat(LocalSuite.classDataSharing(archive, jar)).first().isEqualTo("-XX:ArchiveClassesAtExit=" + archive);
        assertThat(archive.getParent()).isDirectory();

        Files.writeString(archive, "archive");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        assertThat(LocalSuite.classDataSharing(archive, jar)).first().isEqualTo("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void anArchiveOlderThanARebuiltJarIsDeletedAndWrittenAgain() throws Exception {
        Path dir = Files.createTempDirectory("cds");
        Path archive = Files.writeString(dir.resolve("app.jsa"), "archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
        Path jar = Files.writeString(dir.resolve("app.jar"), "rebuilt");

        assertThat(LocalSuite.classDataSharing(archive, jar)).first().isEqualTo("-XX:ArchiveClassesAtExit=" + archive);
        assertThat(archive).doesNotExist();
    }
}
