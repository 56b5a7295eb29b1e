package org.ringfs.e2e.diskfull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.e2e.cluster.Tmpfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 9, item 7: a cluster whose data servers run out of disk. Every data server is a process on
 * its own 128 MiB tmpfs; the client writes files until the cluster says NO_SPACE (not EIO, not a
 * wait), everything written before reads back byte for byte, truncate and unlink still work on
 * the full disks, and once they freed space writes go through again.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DiskFullClientTest {
    static final int SERVERS = 3;
    static final int TMPFS_MIB = 128;
    static final int FILE_BYTES = 4 << 20;
    /** 3 servers hold every block: the cluster holds less than one tmpfs, 32 files are far more. */
    static final int MAX_FILES = 32;

    @Test
    void aFullClusterIsNoSpaceLosesNothingAndWritesResumeAfterFrees() throws Exception {
        Path root = Files.createTempDirectory("ringfs-diskfull-");
        try (Tmpfs tmpfs = new Tmpfs()) {
            for (int k = 1; k <= SERVERS; k++) {
                boolean mounted = tmpfs.mount(root.resolve("data-" + k), TMPFS_MIB);
                assumeTrue(mounted, tmpfs.lastFailure());
            }
            try (MiniRingFsCluster cluster = MiniRingFsCluster.builder().root(root).dataServers(SERVERS)
                    .blockSize(1 << 20).processes(true).build()) {
                fillFreeAndWriteAgain(cluster);
            }
        } finally {
            deleteTree(root);
        }
    }

    private void fillFreeAndWriteAgain(MiniRingFsCluster cluster) throws Exception {
        RingFsClient fs = cluster.client(s -> s.withWriteWait(Duration.ofSeconds(20)));
        Map<String, String> stored = new LinkedHashMap<>();
        RingFsException full = null;
        for (int i = 0; i < MAX_FILES && full == null; i++) {
            String path = "/f-" + i;
            byte[] data = bytes(i);
            try {
                write(fs, path, data);
                stored.put(path, sha256(data));
            } catch (RingFsException e) {
                full = e;
            }
        }
        if (full == null) fail("wrote " + MAX_FILES + " files of " + FILE_BYTES + " bytes without the cluster filling up");
        assertThat(full.code()).as("%s", full).isEqualTo(ErrorCode.NO_SPACE);
        assertThat(stored).hasSizeGreaterThan(4);
        for (String name : cluster.dataServerNames()) assertThat(cluster.isRunning(name)).as(name).isTrue();

        for (Map.Entry<String, String> f : stored.entrySet()) {
            assertThat(sha256(read(fs, f.getKey()))).as(f.getKey()).isEqualTo(f.getValue());
        }
        // Heartbeats count the reserve out of the free space: a full server says it has next to none.
        MiniRingFsCluster.waitUntil(() -> {
            try {
                return cluster.clusterMap().ring().stream().anyMatch(s -> s.vitals().freeBytes() < 2L << 20);
            } catch (RingFsException e) {
                return false;
            }
        }, Duration.ofSeconds(5));

        // Frees need only meta and data deletes: they work on the full disks.
        List<String> paths = new ArrayList<>(stored.keySet());
        fs.truncate(paths.get(0), 0);
        stored.put(paths.get(0), sha256(new byte[0]));
        for (String path : paths.subList(1, paths.size() / 2 + 1)) {
            fs.unlink(path);
            stored.remove(path);
        }

        byte[] again = bytes(1000);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                write(fs, "/again", again);
                break;
            } catch (RingFsException e) {
                if (e.code() != ErrorCode.NO_SPACE || System.nanoTime() > deadline) throw e;
                Thread.sleep(500);
            }
        }
        assertThat(sha256(read(fs, "/again"))).isEqualTo(sha256(again));
        for (Map.Entry<String, String> f : stored.entrySet()) {
            assertThat(sha256(read(fs, f.getKey()))).as(f.getKey()).isEqualTo(f.getValue());
        }
    }

    static byte[] bytes(long seed) {
        byte[] b = new byte[FILE_BYTES];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void write(RingFsClient fs, String path, byte[] data) throws RingFsException {
        try (OpenFile f = fs.create(path, 0644, 0, 0, false)) {
            f.truncate(0);
            f.write(0, data, 0, data.length);
        }
    }

    static byte[] read(RingFsClient fs, String path) throws RingFsException {
        try (OpenFile f = fs.open(path, false)) {
            byte[] out = new byte[(int) f.size()];
            for (int at = 0; at < out.length; ) {
                int n = f.read(at, out, at, out.length - at);
                assertThat(n).isPositive();
                at += n;
            }
            return out;
        }
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }
}
