package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 2's "done when", through the launcher as a user would run it: a detached cluster of five
 * data servers, a file of many blocks per server, two servers crashed, a store lost and rebuilt,
 * and a corrupted copy found and repaired by the next read.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DoneWhenScenarioTest {
    /** 16 MiB in 256 KiB blocks: 64 blocks, about 38 copies on each of the five servers. */
    private static final long FILE_BYTES = 16L << 20;
    private static final String BLOCK_BYTES = Integer.toString(256 * 1024);
    private static final Duration REBUILD_WAIT = Duration.ofSeconds(120);

    @TempDir
    Path work;

    @Test
    void survivesTwoCrashesAStoreLossAndACorruptCopy() throws Exception {
        try (DetachedCluster cluster = DetachedCluster.start(work, "--allow-fault-injection",
                "--block-size", BLOCK_BYTES)) {
            assertThat(cluster.up.out()).contains("RingFS is up: 5 data servers");
            Path original = TestFiles.random(work.resolve("big.bin"), FILE_BYTES, 42);
            String sha = TestFiles.sha256(original);
            cluster.ok("put", original.toString(), "/big.bin");

            // Two neighbours in the ring: some blocks keep a single copy, on data-3.
            cluster.ok("crash", "data-1");
            cluster.ok("crash", "data-2");
            Path afterCrash = work.resolve("after-crash.bin");
            cluster.ok("get", "/big.bin", afterCrash.toString());
            assertThat(TestFiles.sha256(afterCrash)).isEqualTo(sha);
            cluster.ok("start", "data-1");
            cluster.ok("start", "data-2");

            cluster.ok("crash", "data-3");
            deleteTree(cluster.dir.resolve("data-3").resolve("store"));
            cluster.ok("start", "data-3");
            awaitCleanFsck(cluster, "after data-3 lost its store");
            String status = cluster.ok("status").out();
            assertThat(status.lines().filter(l -> l.startsWith("data-3 "))).singleElement().asString()
                    .doesNotContain(" 0              0 ");

            cluster.ok("inject", "corrupt", "/big.bin", "--block", "5", "--copy", "0", "--offset", "1000");
            RingFsProcess.Result found = cluster.run("fsck");
            assertThat(found.exitCode()).as(found.describe()).isEqualTo(1);
            assertThat(found.out()).contains("corrupt 1").contains("NOT clean");
            Path afterCorruption = work.resolve("after-corruption.bin");
            cluster.ok("get", "/big.bin", afterCorruption.toString());
            assertThat(TestFiles.sha256(afterCorruption)).isEqualTo(sha);
            awaitCleanFsck(cluster, "after the read that met the corrupt copy");
        }
    }

    /** Polls `ringfs fsck` until it exits 0: repair runs beside the servers' other work. */
    private static void awaitCleanFsck(DetachedCluster cluster, String when) throws Exception {
        long deadline = System.nanoTime() + REBUILD_WAIT.toNanos();
        RingFsProcess.Result fsck = cluster.run("fsck");
        while (fsck.exitCode() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fsck not clean " + when + " within " + REBUILD_WAIT + ":\n" + fsck.describe());
            }
            Thread.sleep(1000);
            fsck = cluster.run("fsck");
        }
        assertThat(fsck.out()).contains("clean");
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
