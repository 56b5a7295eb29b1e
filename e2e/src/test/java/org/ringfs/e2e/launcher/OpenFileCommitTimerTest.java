package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The mount's background commit of open files (issue 10, "fsync and sync"): sync(2) reaches no
 * FUSE callback on a libfuse 2 mount, so a file written and left open would stay uncommitted at
 * meta until its close or fsync. The mount commits every open file whose writes have waited
 * --commit-open-after seconds (5 by default): a file written once and left open is visible to the
 * other mount and to the CLI a few seconds later, and stays after the writing mount is SIGKILLed
 * (before the timer, nothing committed it: the other mount saw an empty file, and after the kill
 * it stayed empty). And writes racing frequent background commits (a mount committing after 0.2 s)
 * lose nothing: appends from both mounts land once and whole, scattered pwrites where they were made.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OpenFileCommitTimerTest {
    /** The default --commit-open-after, plus room for the timer's tick and a loaded machine. */
    static final long VISIBLE_WITHIN_MILLIS = 30_000;

    @TempDir
    static Path work;
    private static DetachedCluster cluster;
    private static Path reader;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.isExecutable(Path.of("/usr/bin/fusermount")),
                "needs FUSE (packages fuse and libfuse2)");
        reader = work.resolve("reader");
        cluster = DetachedCluster.start(work, "--data-servers", "3", "--meta-replicas", "1", "--no-webdav",
                "--block-size", "65536", "--mount", reader.toString());
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) cluster.close();
    }

    /** 20,000 numbered lines: 3 full 64 KiB blocks and a partly written fourth. */
    static String lines(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) b.append(String.format("line %06d\n", i));
        return b.toString();
    }

    /**
     * Writes COUNT numbered lines to NAME, says "written" and holds the file open without fsync or
     * another write until stdin ends.
     */
    static final String WRITE_AND_HOLD = """
            import os, sys
            name, count = sys.argv[1], int(sys.argv[2])
            data = b''.join(b'line %06d\\n' % i for i in range(count))
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view[:128 * 1024]):]
            print('written', flush=True)
            sys.stdin.read()
            """;

    @Test
    void aFileWrittenAndLeftOpenIsCommittedByTheTimerAndOutlivesAKilledMount() throws Exception {
        Path writerDir = work.resolve("writer");
        Path pidFile = work.resolve("writer.pid");
        cluster.ok("mount", "--pid-file", pidFile.toString(), writerDir.toString(), "--detach");
        String expected = lines(20_000);
        Process writer = new ProcessBuilder("python3", "-c", WRITE_AND_HOLD, "left-open", "20000")
                .directory(writerDir.toFile()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("written");
            long written = System.nanoTime();
            // The other mount (its open asks meta) sees what the writing mount committed.
            String seen = "";
            while (System.nanoTime() - written < TimeUnit.MILLISECONDS.toNanos(VISIBLE_WITHIN_MILLIS)) {
                seen = Files.readString(reader.resolve("left-open"), StandardCharsets.UTF_8);
                if (seen.equals(expected)) break;
                Thread.sleep(250);
            }
            long afterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written);
            assertThat(seen.length()).as("bytes the other mount sees %d ms after the write, the file held open",
                    afterMillis).isEqualTo(expected.length());
            assertThat(seen).isEqualTo(expected);
            System.out.println("the other mount saw the open file whole after " + afterMillis + " ms");
            // The writer mount dies without unmounting or closing anything.
            ProcessHandle mount = mountProcess(pidFile).orElseThrow();
            mount.destroyForcibly();
            mount.onExit().get(30, TimeUnit.SECONDS);
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
            Process u = new ProcessBuilder("fusermount", "-u", "-z", writerDir.toString()).inheritIO().start();
            u.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(cluster.ok("get", "/left-open", "-").out()).isEqualTo(expected); // from the data servers
        assertThat(Files.readString(reader.resolve("left-open"), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    /**
     * On a mount whose background commit looks every 100 ms and commits after 0.2 s, so that its
     * commits keep meeting the writes: one process appends records through O_APPEND, another writes
     * numbered 1000-byte pieces at scattered offsets of a second file, a third appends to the first
     * file from the other mount; none fsyncs. Every record lands once and whole, every piece where
     * it was written.
     */
    @Test
    void writesRacingFrequentBackgroundCommitsLoseNothing() throws Exception {
        Path eagerDir = work.resolve("eager");
        Path pidFile = work.resolve("eager.pid");
        cluster.ok("mount", "--commit-open-after", "0.2", "--pid-file", pidFile.toString(), eagerDir.toString(), "--detach");
        try {
            assertThat(PosixMountTest.python(eagerDir, "eager, other = '.', '" + reader + "'\n" + """
                    import os, time, random
                    open('appended', 'wb').close()
                    def appender(where, tag):
                        fd = os.open(where + '/appended', os.O_WRONLY | os.O_APPEND)
                        for k in range(150):
                            os.write(fd, ('%s-%04d-' % (tag, k)).encode().ljust(63, b'.') + b'\\n')
                            time.sleep(0.02)
                        os.close(fd)
                    def scatter():
                        fd = os.open('scattered', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                        order = list(range(300)); random.Random(5).shuffle(order)
                        for k in order:
                            os.pwrite(fd, ('%04d' % k).encode() * 250, k * 1000)
                            time.sleep(0.01)
                        os.close(fd)
                    pids = []
                    for job in (lambda: appender(eager, 'e'), lambda: appender(other, 'o'), scatter):
                        pid = os.fork()
                        if pid == 0:
                            job(); os._exit(0)
                        pids.append(pid)
                    assert all(os.waitpid(p, 0)[1] == 0 for p in pids)
                    lines = open(other + '/appended', 'rb').read().split(b'\\n')[:-1]
                    expected = {('%s-%04d-' % (t, k)).encode().ljust(63, b'.') for t in 'eo' for k in range(150)}
                    data = open(other + '/scattered', 'rb').read()
                    pieces = data == b''.join(('%04d' % k).encode() * 250 for k in range(300))
                    print(len(lines), len(set(lines)), set(lines) == expected, len(data), pieces)
                    """)).isEqualTo("300 300 True 300000 True\n");
        } finally {
            Process u = new ProcessBuilder("fusermount", "-u", eagerDir.toString()).inheritIO().start();
            u.waitFor(30, TimeUnit.SECONDS);
            mountProcess(pidFile).ifPresent(p -> {
                try {
                    p.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            });
        }
    }

    /** The mount process its pid file names; empty once it is gone (an unmount removes the file). */
    private static Optional<ProcessHandle> mountProcess(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) return Optional.empty();
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
    }
}
