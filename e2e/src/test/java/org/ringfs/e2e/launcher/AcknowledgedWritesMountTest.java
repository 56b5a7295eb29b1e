package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 9's cases 2 and 3 as a user meets them, on FUSE mounts of a cluster of real server
 * processes whose timers are short (meta ends a silent writer session after 4 s, the data servers
 * reconcile every second): a file written and held open past every timer while `ringfs fsck
 * --repair` runs, and a file emptied by another process under a writer that holds stored but
 * uncommitted blocks. The client-level versions are in safety/AcknowledgedWritesTest.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AcknowledgedWritesMountTest {
    static final int BLOCK = 256 * 1024;
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
    /** Two and a half session timeouts and ten reconcile passes. */
    static final Duration HOLD = Duration.ofSeconds(10);

    @TempDir
    static Path work;
    static MiniRingFsCluster cluster;
    static RingFsProcess ringfs;
    static Path mnt;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.isExecutable(Path.of("/usr/bin/fusermount")),
                "needs FUSE (packages fuse and libfuse2)");
        cluster = MiniRingFsCluster.builder().dataServers(3).blockSize(BLOCK).processes(true)
                .reconcileIntervalMillis(1000).sessionTimeoutMillis(SESSION_TIMEOUT.toMillis())
                .startTimeout(Duration.ofSeconds(180)).build(); // a start on a loaded 2-core machine has taken over 60 s
        ringfs = new RingFsProcess(work);
        mnt = mount("mnt");
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (mnt != null) unmount(mnt);
        } finally {
            if (cluster != null) cluster.close();
        }
    }

    /** Case 2: 3 MiB written and held open past every timer while fsck repairs; close is 0, every byte reads back. */
    @Test
    void aFileHeldOpenPastEveryTimerWhileFsckRepairsKeepsItsBytes() throws Exception {
        Path reference = work.resolve("held-open.expected");
        Process writer = new ProcessBuilder("python3", "-c", """
                import os, sys
                data = os.urandom(3 << 20)
                open(sys.argv[1], 'wb').write(data)
                fd = os.open('held-open', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view[:128 * 1024]):]
                print('written', flush=True)
                sys.stdin.readline()
                os.close(fd)  # an error here is an exception, and exit 1
                print('closed', flush=True)
                """, reference.toString()).directory(mnt.toFile()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = writer.getOutputStream()) {
            assertThat(out.readLine()).isEqualTo("written");
            long until = System.nanoTime() + HOLD.toNanos();
            int passes = 0;
            while (System.nanoTime() < until) {
                RingFsProcess.Result fsck = ringfs.run("fsck", "--repair", "--meta", cluster.metaAddress());
                assertThat(fsck.exitCode()).as(fsck.describe()).isZero();
                assertThat(fsck.out()).as(fsck.describe()).contains("missing 0");
                passes++;
            }
            assertThat(passes).isGreaterThan(1);
            in.write('\n');
            in.flush();
            assertThat(out.readLine()).isEqualTo("closed");
        } finally {
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(writer.exitValue()).as("the writer's close").isZero();

        byte[] expected = Files.readAllBytes(reference);
        assertThat(Files.readAllBytes(mnt.resolve("held-open"))).isEqualTo(expected);
        assertThat(read(cluster.client(), "/held-open")).isEqualTo(expected); // from the data servers, not the mount's cache
        assertFsckClean();
    }

    /**
     * Writes 5 MiB, fsyncs, writes 3 MiB more, says "written" and keeps the file open until a line
     * comes on stdin (meanwhile another process empties the file); then writes LATER bytes more at
     * its offset (8 MiB) and closes. Prints the file's size and one letter per MiB: d holds the
     * writer's bytes for that offset, z zeros (a hole), ? anything else.
     */
    static final String WRITE_HOLD_CLOSE = """
            import os, random, sys
            MiB = 1 << 20
            def write_all(fd, data):
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view[:128 * 1024]):]
            def describe(name, own):
                data = open(name, 'rb').read()
                pieces = ''
                for at in range(0, len(data), MiB):
                    piece = data[at:at + MiB]
                    pieces += 'd' if piece == own[at:at + MiB] else 'z' if piece == bytes(len(piece)) else '?'
                return '%d %s' % (len(data), pieces)
            name, later = sys.argv[1], int(sys.argv[2])
            rnd = random.Random(9)
            first, more, after = rnd.randbytes(5 * MiB), rnd.randbytes(3 * MiB), rnd.randbytes(later)
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            write_all(fd, first)
            os.fsync(fd)
            write_all(fd, more)
            print('written', flush=True)
            sys.stdin.readline()
            write_all(fd, after)
            os.close(fd)  # an error here is an exception, and exit 1
            print(describe(name, first + more + after), flush=True)
            """;

    /**
     * The writer in WRITER_DIR; once it has written, `: > NAME` in TRUNCATE_DIR by a process of its
     * own (not the writer's child, which would flush the writer's descriptor as it closes its copy
     * at exec); returns what the writer printed after it closed.
     */
    static String writeTruncatedAndClose(Path writerDir, Path truncateDir, String name, int later) throws Exception {
        Process writer = new ProcessBuilder("python3", "-c", WRITE_HOLD_CLOSE, name, Integer.toString(later))
                .directory(writerDir.toFile()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = writer.getOutputStream()) {
            assertThat(out.readLine()).isEqualTo("written");
            Process truncate = new ProcessBuilder("sh", "-c", ": > " + name).directory(truncateDir.toFile())
                    .redirectErrorStream(true).start();
            assertThat(truncate.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(truncate.exitValue()).as(new String(truncate.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();
            in.write('\n');
            in.flush();
            String described = out.readLine();
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).as("the writer's close: " + described).isZero();
            return described;
        } finally {
            writer.destroyForcibly();
        }
    }

    /**
     * Case 3 on one mount: as on a local file system (ext4 here, run alongside), the truncate takes
     * the writer's earlier writes with it, fsynced or not, and a write after it, at the writer's
     * offset, leaves a hole up to there. Nothing reads EIO; fsck finds nothing missing.
     */
    @Test
    void aTruncateFromAnotherProcessUnderAWriterEndsAsOnALocalFileSystem() throws Exception {
        Path local = Files.createDirectories(work.resolve("local"));
        String emptied = writeTruncatedAndClose(local, local, "emptied", 0);
        String rewritten = writeTruncatedAndClose(local, local, "rewritten", 1 << 20);
        assertThat(emptied).isEqualTo("0 ");
        assertThat(rewritten).isEqualTo("9437184 zzzzzzzzd");

        assertThat(writeTruncatedAndClose(mnt, mnt, "emptied", 0)).isEqualTo(emptied);
        assertThat(writeTruncatedAndClose(mnt, mnt, "rewritten", 1 << 20)).isEqualTo(rewritten);
        RingFsClient fs = cluster.client();
        assertThat(read(fs, "/emptied")).isEmpty();
        assertThat(read(fs, "/rewritten")).hasSize(9 << 20); // every block it points at is there
        assertFsckClean();
    }

    /**
     * Case 3 across two mounts, as across two NFS clients: the mount that truncates cannot cut the
     * writer's buffered blocks, so they land at their offsets when the writer closes (after a hole
     * where the truncate emptied the file), with what it wrote later. Nothing is lost that the writer
     * was told is written, nothing reads EIO, fsck finds nothing missing.
     */
    @Test
    void aTruncateFromAnotherMountLeavesTheWritersBufferedBlocksAtTheirOffsets() throws Exception {
        Path other = mount("mnt-other");
        try {
            assertThat(writeTruncatedAndClose(mnt, other, "across", 1 << 20)).isEqualTo("9437184 zzzzzdddd");
        } finally {
            unmount(other);
        }
        assertThat(read(cluster.client(), "/across")).hasSize(9 << 20);
        assertFsckClean();
    }

    /** Fsck (the CLI) is clean once the data servers have carried out meta's freed records (they poll every 2 s). */
    private static void assertFsckClean() throws Exception {
        RingFsProcess.Result fsck = null;
        for (int i = 0; i < 10; i++) {
            fsck = ringfs.run("fsck", "--meta", cluster.metaAddress());
            if (fsck.exitCode() == 0) break;
            Thread.sleep(1000);
        }
        assertThat(fsck.exitCode()).as(fsck.describe()).isZero();
        assertThat(fsck.out()).contains("missing 0").contains("clean");
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

    /** `ringfs mount` of the cluster at WORK/NAME, detached; returns the mount point. */
    private static Path mount(String name) throws IOException, InterruptedException {
        Path dir = work.resolve(name);
        ringfs.ok("mount", "--meta", cluster.metaAddress(), "--pid-file", work.resolve(name + ".pid").toString(),
                dir.toString(), "--detach");
        return dir;
    }

    /** fusermount -u, then waits for the mount process to end. */
    private static void unmount(Path dir) throws Exception {
        Path pidFile = dir.resolveSibling(dir.getFileName() + ".pid");
        Process u = new ProcessBuilder("fusermount", "-u", dir.toString()).inheritIO().start();
        assertThat(u.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (!Files.exists(pidFile)) return;
        Optional<ProcessHandle> mount = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        if (mount.isEmpty()) return;
        try {
            mount.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            mount.get().destroyForcibly();
            throw new AssertionError("the mount at " + dir + " did not end after fusermount -u");
        }
    }
}
