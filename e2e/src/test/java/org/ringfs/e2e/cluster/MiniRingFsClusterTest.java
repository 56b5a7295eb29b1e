package org.ringfs.e2e.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.RingFsException;
import org.ringfs.client.RingFsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster driver itself: both modes start, crash, restart and clean up after themselves. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MiniRingFsClusterTest {
    private static final int BLOCK = 64 * 1024;

    @Test
    void inProcessClusterRestartsADataServerOnItsPort() throws Exception {
        Path root;
        try (MiniRingFsCluster cluster = MiniRingFsCluster.builder().dataServers(3).build()) {
            root = cluster.root();
            assertThat(cluster.dataServerNames()).containsExactly("data-1", "data-2", "data-3");
            assertThat(cluster.placement().ring()).isEqualTo(cluster.dataServerNames());
            assertThat(cluster.clusterMap().blockSize()).isEqualTo(BLOCK);
            byte[] bytes = randomBytes(5 * BLOCK + 123, 1);
            RingFsClient fs = cluster.client();
            write(fs, "/f", bytes);

            cluster.crash("data-1");
            assertThat(cluster.isRunning("data-1")).isFalse();
            assertThat(read(fs, "/f")).isEqualTo(bytes);

            int port = Integer.parseInt(cluster.blockService("data-1").address().split(":")[1]);
            cluster.start("data-1");
            assertThat(cluster.isAliveInMeta("data-1")).isTrue();
            assertThat(cluster.blockService("data-1").status().name()).isEqualTo("data-1");
            assertThat(cluster.clusterMap().server("data-1").address()).endsWith(":" + port);
        }
        assertThat(root).doesNotExist();
    }

    @Test
    void processClusterRebuildsAStoreLostWhileItsServerWasKilled() throws Exception {
        try (MiniRingFsCluster cluster = MiniRingFsCluster.builder().dataServers(4).processes(true).build()) {
            RingFsClient fs = cluster.client();
            byte[] bytes = randomBytes(12 * BLOCK, 2);
            write(fs, "/f", bytes);
            assertThat(fs.fsck().check().clean()).isTrue();

            cluster.crash("data-2");
            assertThatThrownBy(() -> cluster.blockService("data-2").status()).isInstanceOf(RingFsException.class);
            cluster.deleteStore("data-2");
            assertThat(cluster.dataDir("data-2").resolve("store")).doesNotExist();
            cluster.start("data-2");

            MiniRingFsCluster.waitUntil(() -> clean(fs), Duration.ofSeconds(90));
            assertThat(cluster.blockService("data-2").status().vitals().blocks()).isPositive();
            assertThat(read(fs, "/f")).isEqualTo(bytes);
            assertThat(cluster.logFile("data-2")).exists();
        }
        assertThat(ProcessHandle.current().children().filter(p -> p.info().commandLine()
                .map(c -> c.contains("org.ringfs.cli.Main")).orElse(false))).isEmpty();
    }

    @Test
    void storeIsDeletedOnlyWhileItsServerIsDown() throws Exception {
        try (MiniRingFsCluster cluster = MiniRingFsCluster.builder().dataServers(3).build()) {
            assertThatThrownBy(() -> cluster.deleteStore("data-3")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> cluster.crash("data-9")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void givenRootIsKept(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path root = dir.resolve("cluster");
        try (MiniRingFsCluster cluster = MiniRingFsCluster.builder().dataServers(3).root(root).build()) {
            assertThat(cluster.dataDir("data-1")).startsWith(root);
        }
        assertThat(root.resolve("data-1").resolve("store")).isDirectory();
        assertThat(root.resolve("meta")).isDirectory();
    }

    private static boolean clean(RingFsClient fs) {
        try {
            return fs.fsck().check().clean();
        } catch (RingFsException e) {
            return false; // a server still coming up: ask again
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void write(RingFsClient fs, String path, byte[] bytes) throws IOException {
        try (OutputStream out = fs.openOutput(path, false, 0, 0)) {
            out.write(bytes);
        }
    }

    static byte[] read(RingFsClient fs, String path) throws IOException {
        try (InputStream in = fs.openInput(path)) {
            return in.readAllBytes();
        }
    }
}
