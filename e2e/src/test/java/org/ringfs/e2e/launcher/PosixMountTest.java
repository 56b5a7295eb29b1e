package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * POSIX as a script author meets it on a FUSE mount of a real cluster, driven by Python's os module:
 * concurrent O_APPEND writers, truncate under an appender, fsync through another descriptor, link
 * counts after link/rename/unlink, fstat of an open file whose name went (unlink, rename over), fallocate, one-sided utimensat (UTIME_OMIT, UTIME_NOW), atime under
 * each --atime mode. One cluster and mount for the class; the atime test mounts three more.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PosixMountTest {
    @TempDir
    static Path work;
    private static DetachedCluster cluster;
    private static Path mnt;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.isExecutable(Path.of("/usr/bin/fusermount")),
                "needs FUSE (packages fuse and libfuse2)");
        mnt = work.resolve("mnt");
        cluster = DetachedCluster.start(work, "--data-servers", "3", "--meta-replicas", "1", "--no-webdav", "--block-size", "65536",
                "--mount", mnt.toString());
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) cluster.close();
    }

    /** Runs a Python script in the mount; returns its stdout, failing on a non-zero exit. */
    static String python(Path dir, String script) throws IOException, InterruptedException {
        // Output to a file, not a pipe read to its end: a child a script forked would hold the pipe
        // open and the test would wait forever (seen in CI when a script's parent died first).
        Path out = Files.createTempFile(dir, "python-", ".out");
        try {
            Process p = new ProcessBuilder("python3", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            boolean ended = p.waitFor(90, TimeUnit.SECONDS);
            p.descendants().forEach(ProcessHandle::destroyForcibly); // a forked child outliving its parent
            if (!ended) p.destroyForcibly().waitFor();
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(ended).as("python finished in 90 s:%n%s", printed).isTrue();
            assertThat(p.exitValue()).as(printed).isZero();
            return printed;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** N processes append fixed-size records through their own O_APPEND descriptors, at once. */
    private static final String APPENDERS = """
            import os, sys
            name, writers, records = sys.argv[1] if len(sys.argv) > 1 else 'log', %d, 200
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644); os.close(fd)
            pids = []
            for w in range(writers):
                pid = os.fork()
                if pid == 0:
                    fd = os.open(name, os.O_WRONLY | os.O_APPEND)
                    for k in range(records):
                        os.write(fd, ('w%%02d-%%05d-' %% (w, k)).encode().ljust(63, b'.') + b'\\n')
                    os.close(fd)
                    os._exit(0)
                pids.append(pid)
            for pid in pids:
                assert os.waitpid(pid, 0)[1] == 0
            data = open(name, 'rb').read()
            lines = data.split(b'\\n')[:-1]
            whole = [l for l in lines if len(l) == 63 and l.endswith(b'.')]
            expected = {('w%%02d-%%05d-' %% (w, k)).encode().ljust(63, b'.') for w in range(writers) for k in range(records)}
            print(len(data), len(lines), len(whole), len(set(lines)), set(lines) == expected)
            """;

    @Test
    void twoThenEightAppendersEachRecordOnceAndWhole() throws Exception {
        assertThat(python(mnt, APPENDERS.formatted(2))).isEqualTo("25600 400 400 400 True\n");
        assertThat(python(mnt, APPENDERS.formatted(8))).isEqualTo("102400 1600 1600 1600 True\n");
    }

    @Test
    void truncateUnderAnAppenderMovesItsEnd() throws Exception {
        // logrotate's copytruncate: the appender keeps writing after another process empties the file.
        assertThat(python(mnt, """
                import os
                fd = os.open('rotated', os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
                os.write(fd, b'x' * 1000)
                os.truncate('rotated', 0)
                os.write(fd, b'y' * 10)
                by_path = os.stat('rotated').st_size
                other = os.open('rotated', os.O_WRONLY)
                os.ftruncate(other, 4)
                os.write(fd, b'z' * 6)
                os.close(other); os.close(fd)
                print(by_path, open('rotated', 'rb').read())
                """)).isEqualTo("10 b'yyyyzzzzzz'\n");
    }

    @Test
    void fsyncOnAnotherDescriptorCommitsTheFirstOnesWrites() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", """
                import os, sys
                first = os.open('synced', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.write(first, b'a' * 3000)
                second = os.open('synced', os.O_RDONLY)
                os.fsync(second)
                print('synced', flush=True)
                sys.stdin.readline()
                os.close(second); os.close(first)
                """).directory(mnt.toFile()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = p.getOutputStream()) {
            assertThat(out.readLine()).isEqualTo("synced");
            // Read by another client while both descriptors are still open.
            assertThat(cluster.ok("get", "/synced", "-").out()).isEqualTo("a".repeat(3000));
            in.write('\n');
        } finally {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void linkCountsAndCtimeAreFreshAfterLinkRenameUnlinkForEveryType() throws Exception {
        assertThat(python(mnt, """
                import os, socket, stat, time
                os.mkdir('links')
                os.chdir('links')
                def make(kind):
                    if kind == 'file': open(kind, 'w').close()
                    elif kind == 'fifo': os.mkfifo(kind)
                    elif kind == 'socket': socket.socket(socket.AF_UNIX).bind(kind)
                    elif kind == 'chr': os.mknod(kind, stat.S_IFCHR | 0o600, os.makedev(1, 3))
                    elif kind == 'blk': os.mknod(kind, stat.S_IFBLK | 0o600, os.makedev(7, 0))
                for kind in ['file', 'fifo', 'socket', 'chr', 'blk']:
                    make(kind)
                    seen = [os.stat(kind).st_nlink]
                    c0 = os.stat(kind).st_ctime_ns; time.sleep(0.01)
                    os.link(kind, kind + '.2')
                    seen += [os.stat(kind).st_nlink, os.stat(kind + '.2').st_nlink, os.stat(kind).st_ctime_ns > c0]
                    os.rename(kind + '.2', kind + '.3')
                    seen += [os.stat(kind).st_nlink, os.stat(kind + '.3').st_nlink]
                    c1 = os.stat(kind).st_ctime_ns; time.sleep(0.01)
                    os.unlink(kind + '.3')
                    seen += [os.stat(kind).st_nlink, os.stat(kind).st_ctime_ns > c1]
                    os.link(kind, kind + '.4'); os.stat(kind + '.4')
                    open('other', 'w').close()
                    os.rename('other', kind + '.4')  # over a second name of the inode
                    seen += [os.stat(kind).st_nlink]
                    print(kind, *seen)
                """)).isEqualTo("""
                file 1 2 2 True 2 2 1 True 1
                fifo 1 2 2 True 2 2 1 True 1
                socket 1 2 2 True 2 2 1 True 1
                chr 1 2 2 True 2 2 1 True 1
                blk 1 2 2 True 2 2 1 True 1
                """);
    }

    @Test
    void fstatOfAnOpenFileAnswersAfterItsNameGoesAndTheDirectoryNeverShowsAHiddenName() throws Exception {
        // libfuse hides the open file as .fuse_hidden... and asks fstat's attributes by that name;
        // with hard_remove fstat was ENOENT. The hidden name never reaches meta: `ringfs ls` (another
        // client) and `ls -a` here list only the real names.
        assertThat(python(mnt, """
                import os, subprocess
                os.mkdir('nameless'); os.chdir('nameless')
                def names():
                    return sorted(os.listdir('.')), subprocess.run(['ls', '-a'], capture_output=True, text=True).stdout.split()
                out = []
                for replace in (False, True):
                    data = os.urandom(150_000)
                    with open('held', 'wb') as f: f.write(data)
                    fd = os.open('held', os.O_RDWR)
                    if replace:
                        with open('held.new', 'wb') as f: f.write(b'new')
                        os.rename('held.new', 'held')
                    else:
                        os.unlink('held')
                    st = os.fstat(fd)
                    out += [st.st_size, st.st_nlink, names()]
                    os.pwrite(fd, b'tail', len(data))
                    os.fsync(fd)
                    os.ftruncate(fd, len(data) + 2)
                    st = os.fstat(fd)
                    out += [st.st_size, st.st_nlink, os.pread(fd, len(data) + 10, 0) == data + b'ta']
                    os.close(fd)
                    out.append(names())
                    if replace: out.append(open('held', 'rb').read()); os.unlink('held')
                print(*out, sep='|')
                """)).isEqualTo(String.join("|",
                "150000", "0", "([], ['.', '..'])", "150002", "0", "True", "([], ['.', '..'])",
                "150000", "0", "(['held'], ['.', '..', 'held'])", "150002", "0", "True",
                "(['held'], ['.', '..', 'held'])", "b'new'") + "\n");
        assertThat(cluster.ok("ls", "/nameless").out()).isEmpty();
    }

    @Test
    void fallocateGrowsLikeATruncateOrKeepsTheSize() throws Exception {
        assertThat(python(mnt, """
                import ctypes, errno, os
                libc = ctypes.CDLL(None, use_errno=True)
                libc.fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_long, ctypes.c_long]
                fd = os.open('falloc', os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
                os.write(fd, b'x' * 100)
                def fallocate(mode, offset, length):
                    if libc.fallocate(fd, mode, offset, length) == 0: return 0
                    e = ctypes.get_errno()  # Python names 95 ENOTSUP
                    return 'EOPNOTSUPP' if e == errno.EOPNOTSUPP else errno.errorcode[e]
                out = [fallocate(0, 0, 50), os.fstat(fd).st_size, fallocate(0, 50, 1000), os.fstat(fd).st_size,
                       fallocate(1, 0, 5000), os.fstat(fd).st_size,  # FALLOC_FL_KEEP_SIZE
                       fallocate(3, 0, 10), fallocate(0x10, 0, 10)]  # PUNCH_HOLE|KEEP_SIZE, ZERO_RANGE
                os.close(fd)
                data = open('falloc', 'rb').read()
                print(*out, len(data), data == b'x' * 100 + bytes(950))
                """)).isEqualTo("0 100 0 1050 0 1050 EOPNOTSUPP EOPNOTSUPP 1050 True\n");
    }

    /**
     * A read moves atime as the mount's --atime says: with atime before mtime (relatime moves it),
     * and with atime after mtime and ctime (only strict moves it); never ctime.
     */
    private static final String ATIME = """
            import os, time
            day = 86400 * 10**9
            open('atime', 'w').write('hello')
            seen = []
            for atime, mtime in [(-3 * day, -2 * day), (60 * 10**9, -2 * day)]:
                now = time.time_ns()
                os.utime('atime', ns=(now + atime, now + mtime))
                ctime = os.stat('atime').st_ctime_ns
                time.sleep(0.01)
                open('atime').read()
                s = os.stat('atime')
                seen += [s.st_atime_ns != now + atime, s.st_ctime_ns == ctime]
            print(*seen)
            """;

    @Test
    void oneSidedTimeChangesReachTheMount() throws Exception {
        // GNU touch -a / -m call utimensat with UTIME_OMIT for the other time, and UTIME_NOW without -d.
        assertThat(python(mnt, """
                import os, subprocess, time
                open('times', 'w').write('x')
                os.utime('times', ns=(1_000_000_000 * 10**9, 1_100_000_000 * 10**9))
                subprocess.run(['touch', '-a', '-d', '@1200000000', 'times'], check=True)
                s = os.stat('times'); a1, m1 = s.st_atime_ns, s.st_mtime_ns
                subprocess.run(['touch', '-m', '-d', '@1300000000', 'times'], check=True)
                s = os.stat('times'); a2, m2 = s.st_atime_ns, s.st_mtime_ns
                subprocess.run(['touch', '-a', 'times'], check=True)
                s = os.stat('times')
                print(a1 == 1_200_000_000 * 10**9, m1 == 1_100_000_000 * 10**9, a2 == a1, m2 == 1_300_000_000 * 10**9,
                      abs(s.st_atime_ns - time.time_ns()) < 60 * 10**9, s.st_mtime_ns == m2)
                """)).isEqualTo("True True True True True True\n");
    }

    @Test
    void atimeFollowsTheMountsMode() throws Exception {
        for (String mode : new String[] {"strict", "relatime", "off"}) {
            Path dir = work.resolve("mnt-" + mode);
            Path pid = work.resolve("mnt-" + mode + ".pid");
            cluster.ok("mount", "--atime", mode, "--pid-file", pid.toString(), dir.toString(), "--detach");
            try {
                Files.createDirectories(dir.resolve(mode));
                assertThat(python(dir.resolve(mode), ATIME)).as(mode).isEqualTo(switch (mode) {
                    case "strict" -> "True True True True\n";
                    case "relatime" -> "True True False True\n";
                    default -> "False True False True\n";
                });
            } finally {
                unmount(dir, pid);
            }
        }
    }

    /** fusermount -u, then waits for the mount process to end. */
    private static void unmount(Path dir, Path pidFile) throws Exception {
        Process u = new ProcessBuilder("fusermount", "-u", dir.toString()).inheritIO().start();
        assertThat(u.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (!Files.exists(pidFile)) return;
        java.util.Optional<ProcessHandle> mount = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        if (mount.isEmpty()) return;
        try {
            mount.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            mount.get().destroyForcibly();
            throw new AssertionError("the mount at " + dir + " did not end after fusermount -u");
        }
    }
}
