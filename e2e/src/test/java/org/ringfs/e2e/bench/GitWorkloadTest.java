package org.ringfs.e2e.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bench's git workload: a made repository cloned and fsck'ed, and a broken clone is an error, not a time. */
class GitWorkloadTest {
    @TempDir
    Path dir;

    @Test
    void aCloneHoldsEveryFileOfTheMadeRepositoryAndPassesFsck() throws Exception {
        assumeTrue(GitWorkload.unavailable().isEmpty(), "git is not installed");
        GitWorkload git = GitWorkload.prepare(dir.resolve("source"), 120);

        double seconds = git.cloneAndCheck(dir.resolve("clone"));

        assertThat(seconds).isPositive();
        try (Stream<Path> files = Files.walk(dir.resolve("clone"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".txt")).count()).isEqualTo(GitWorkload.clonedFiles(120));
        }
        GitWorkload.delete(dir.resolve("clone"));
        assertThat(dir.resolve("clone")).doesNotExist();
    }

    @Test
    void aCloneIntoAnOccupiedDirectoryFailsWithGitsMessage() throws Exception {
        assumeTrue(GitWorkload.unavailable().isEmpty(), "git is not installed");
        GitWorkload git = GitWorkload.prepare(dir.resolve("source"), 10);
        Files.createDirectories(dir.resolve("clone"));
        Files.writeString(dir.resolve("clone/occupied"), "x");

        assertThatThrownBy(() -> git.cloneAndCheck(dir.resolve("clone"))).hasMessageContaining("git clone")
                .hasMessageContaining("exited");
    }
}
