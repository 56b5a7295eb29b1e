package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data server whose whole directory is lost (a replaced disk: store, cluster id and the saved
 * command all gone) is started again by `ringfs start` from cluster.properties, on the address meta
 * knows it at, and refilled from the other copies until fsck is clean.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LostDataDirectoryTest {
    private static final Duration REFILL_WAIT = Duration.ofSeconds(120);

    @TempDir
    Path work;

    @Test
    void startRebuildsTheServerFromTheClusterPropertiesAndItIsRefilled() throws Exception {
        try (DetachedCluster cluster = DetachedCluster.start(work, "--data-servers", "4", "--meta-replicas", "1", "--block-size", "65536")) {
            Path original = TestFiles.random(work.resolve("file.bin"), 2_000_000, 7);
            cluster.ok("put", original.toString(), "/file.bin");
            Path dir = cluster.dir.resolve("data-3");
            String port = Files.readString(dir.resolve("port"), StandardCharsets.US_ASCII).trim();

            cluster.ok("crash", "data-3");
            deleteTree(dir);

            RingFsProcess.Result start = cluster.run("start", "data-3");
            assertThat(start.exitCode()).as(start.describe()).isZero();
            assertThat(start.out()).contains("started data-3").contains("refilled");
            assertThat(cluster.process("data-3")).isPresent();
            assertThat(Files.readString(dir.resolve("port"), StandardCharsets.US_ASCII).trim())
                    .as("the address meta and the clients know").isEqualTo(port);
            String clusterId = Files.readAllLines(cluster.dir.resolve("cluster.properties")).stream()
                    .filter(l -> l.startsWith("cluster.id=")).findFirst().orElseThrow().substring("cluster.id=".length());
            assertThat(Files.readString(dir.resolve("cluster-id")).trim()).isEqualTo(clusterId);

            awaitCleanFsck(cluster);
            String row = cluster.ok("status").out().lines().filter(l -> l.startsWith("data-3 ")).findFirst().orElseThrow();
            assertThat(row).contains(" yes ");
            Path back = work.resolve("back.bin");
            cluster.ok("get", "/file.bin", back.toString());
            assertThat(TestFiles.sha256(back)).isEqualTo(TestFiles.sha256(original));

            // The rebuilt command was saved: a plain crash and start reuses it.
            assertThat(dir.resolve("command")).exists();
            cluster.ok("crash", "data-3");
            cluster.ok("start", "data-3");
            assertThat(Files.readString(dir.resolve("port"), StandardCharsets.US_ASCII).trim()).isEqualTo(port);
        }
    }

    /** Polls `ringfs fsck` until it exits 0: the refill runs beside the servers' other work. */
    private static void awaitCleanFsck(DetachedCluster cluster) throws Exception {
        long deadline = System.nanoTime() + REFILL_WAIT.toNanos();
        RingFsProcess.Result fsck = cluster.run("fsck");
        while (fsck.exitCode() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fsck not clean within " + REFILL_WAIT + " after data-3 came back:\n" + fsck.describe());
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
