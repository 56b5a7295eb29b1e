package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ringfs.e2e.launcher.PosixMountTest.python;

/**
 * POSIX across two FUSE mounts of one cluster (two clients, two writer sessions). O_APPEND: meta
 * decides where each mount's appends land, so appenders on both never overwrite each other, and a
 * truncate on one mount moves the end the other's next append takes (before commitAppend the second
 * mount to commit wrote over the first one's records). Open-unlinked files: a descriptor keeps
 * reading and writing its file after the name goes, on its own mount or the other (before the mount
 * set libfuse's nullpath_ok, a write after the mount's own unlink was ENOENT), and fstat answers
 * after the mount's own unlink or rename over while no mount lists libfuse's hidden name; after the
 * other mount's, fstat and the attribute calls answer by the descriptor's inode while the name is gone.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TwoMountsTest {
    @TempDir
    static Path work;
    private static DetachedCluster cluster;
    private static Path one;
    private static Path two;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.isExecutable(Path.of("/usr/bin/fusermount")),
                "needs FUSE (packages fuse and libfuse2)");
        one = work.resolve("one");
        two = work.resolve("two");
        cluster = DetachedCluster.start(work, "--data-servers", "3", "--meta-replicas", "1", "--no-webdav", "--block-size", "65536",
                "--mount", one.toString());
        cluster.ok("mount", "--pid-file", work.resolve("two.pid").toString(), two.toString(), "--detach");
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (two != null && Files.exists(work.resolve("two.pid"))) {
                new ProcessBuilder("fusermount", "-u", two.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            if (cluster != null) cluster.close();
        }
    }

    /**
     * N processes, alternately on mount one and mount two, append fixed-size records through their
     * own O_APPEND descriptors at once, with an fsync now and then so the mounts commit while the
     * other appends; prints what mount one then reads.
     */
    private static final String APPENDERS = """
            import os, sys
            one, two, writers, records = sys.argv[1], sys.argv[2], %d, 100
            fd = os.open(one + '/log', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644); os.close(fd)
            pids = []
            for w in range(writers):
                pid = os.fork()
                if pid == 0:
                    fd = os.open((one if w %% 2 == 0 else two) + '/log', os.O_WRONLY | os.O_APPEND)
                    for k in range(records):
                        os.write(fd, ('w%%02d-%%05d-' %% (w, k)).encode().ljust(63, b'.') + b'\\n')
                        if k %% 20 == 19: os.fsync(fd)
                    os.close(fd)
                    os._exit(0)
                pids.append(pid)
            for pid in pids:
                assert os.waitpid(pid, 0)[1] == 0
            data = open(one + '/log', 'rb').read()
            lines = data.split(b'\\n')[:-1]
            whole = [l for l in lines if len(l) == 63 and l.endswith(b'.')]
            expected = {('w%%02d-%%05d-' %% (w, k)).encode().ljust(63, b'.') for w in range(writers) for k in range(records)}
            print(len(data), len(lines), len(whole), len(set(lines)), set(lines) == expected)
            """;

    @Test
    void twoThenEightAppendersOnTwoMountsEachRecordOnceAndWhole() throws Exception {
        assertThat(pythonArgs(APPENDERS.formatted(2))).isEqualTo("12800 200 200 200 True\n");
        assertThat(pythonArgs(APPENDERS.formatted(8))).isEqualTo("51200 800 800 800 True\n");
    }

    @Test
    void aTruncateOnOneMountMovesTheEndTheOtherMountsAppenderTakes() throws Exception {
        // logrotate's copytruncate with the rotation on another client than the logger.
        assertThat(pythonArgs("""
                import os, sys
                one, two = sys.argv[1], sys.argv[2]
                fd = os.open(one + '/rotated', os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
                os.write(fd, b'x' * 1000)
                os.fsync(fd)
                os.truncate(two + '/rotated', 0)
                os.write(fd, b'y' * 10)
                os.fsync(fd)
                after_truncate = open(two + '/rotated', 'rb').read()
                other = os.open(two + '/rotated', os.O_WRONLY | os.O_APPEND)
                os.write(other, b'b' * 5)
                os.close(other)
                os.write(fd, b'z' * 3)
                os.close(fd)
                print(after_truncate, open(two + '/rotated', 'rb').read())
                """)).isEqualTo("b'yyyyyyyyyy' b'yyyyyyyyyybbbbbzzz'\n");
    }

    /**
     * Link counts across mounts, for every file type: a link, rename or unlink made on one mount shows
     * in the other mount's stat within its attribute timeout (1 s; 3 s allowed for a loaded machine).
     * Prints, per type, the nlink mount two sees after mount one's link; mount one's of the new name
     * after mount two's rename (and that the old name is gone there); mount one's after mount two's unlink.
     */
    @Test
    void linkCountsFollowTheOtherMountsLinkRenameUnlinkForEveryType() throws Exception {
        assertThat(pythonArgs("""
                import os, socket, stat, sys, time
                one, two = sys.argv[1] + '/xlinks/', sys.argv[2] + '/xlinks/'
                os.mkdir(one)
                def make(path, kind):
                    if kind == 'file': open(path, 'w').close()
                    elif kind == 'fifo': os.mkfifo(path)
                    elif kind == 'socket': socket.socket(socket.AF_UNIX).bind(path)
                    elif kind == 'chr': os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
                    elif kind == 'blk': os.mknod(path, stat.S_IFBLK | 0o600, os.makedev(7, 0))
                def settles(path, want):
                    end = time.monotonic() + 3
                    while True:
                        try: n = os.stat(path).st_nlink
                        except FileNotFoundError: n = 'gone'
                        if n == want or time.monotonic() > end: return n
                        time.sleep(0.05)
                for kind in ['file', 'fifo', 'socket', 'chr', 'blk']:
                    make(one + kind, kind)
                    os.link(one + kind, one + kind + '.2')
                    seen = [settles(two + kind, 2)]
                    os.rename(two + kind + '.2', two + kind + '.3')
                    seen += [settles(one + kind + '.3', 2), settles(one + kind + '.2', 'gone')]
                    os.unlink(two + kind + '.3')
                    seen += [settles(one + kind, 1)]
                    print(kind, *seen)
                """)).isEqualTo("""
                file 2 2 gone 1
                fifo 2 2 gone 1
                socket 2 2 gone 1
                chr 2 2 gone 1
                blk 2 2 gone 1
                """);
    }

    @Test
    void anOpenFileOutlivesItsNameOnEitherMount() throws Exception {
        // Reads and writes only; fstat and the attribute calls are the tests below.
        assertThat(pythonArgs("""
                import os, sys
                one, two = sys.argv[1], sys.argv[2]
                seen = []
                for remover in (one, two):
                    for replace in (False, True):
                        data = os.urandom(200_000)
                        with open(one + '/held', 'wb') as f: f.write(data)
                        fd = os.open(one + '/held', os.O_RDWR)
                        head = os.pread(fd, 10, 0)
                        if replace:
                            with open(remover + '/held.new', 'wb') as f: f.write(b'new')
                            os.rename(remover + '/held.new', remover + '/held')
                        else:
                            os.unlink(remover + '/held')
                        rest = os.pread(fd, len(data), 10)
                        os.pwrite(fd, b'tail', len(data))
                        os.fsync(fd)
                        back = os.pread(fd, len(data) + 10, 0)
                        os.close(fd)
                        name = open(two + '/held', 'rb').read() if replace else os.path.exists(two + '/held')
                        seen.append(head + rest == data and back == data + b'tail' and name == (b'new' if replace else False))
                        if replace: os.unlink(one + '/held')
                print(*seen)
                """)).isEqualTo("True True True True\n");
    }

    @Test
    void fstatAnswersAfterThisMountsOwnUnlinkOrRenameOverAndNeitherMountListsAHiddenName() throws Exception {
        // libfuse hides the open file as .fuse_hidden... on mount one; that name must stay there:
        // `ls -a` on either mount lists the real names only, while reads and writes go on.
        assertThat(pythonArgs("""
                import os, sys, subprocess
                one, two = sys.argv[1], sys.argv[2]
                os.mkdir(one + '/hid')
                def names(mount):
                    return subprocess.run(['ls', '-a', mount + '/hid'], capture_output=True, text=True).stdout.split()
                seen = []
                for replace in (False, True):
                    data = os.urandom(100_000)
                    with open(one + '/hid/held', 'wb') as f: f.write(data)
                    fd = os.open(one + '/hid/held', os.O_RDWR)
                    if replace:
                        with open(one + '/hid/held.new', 'wb') as f: f.write(b'new')
                        os.rename(one + '/hid/held.new', one + '/hid/held')
                    else:
                        os.unlink(one + '/hid/held')
                    st = os.fstat(fd)
                    os.pwrite(fd, b'tail', len(data))
                    after = os.fstat(fd)
                    seen += [st.st_size, st.st_nlink, after.st_size, after.st_nlink, names(one), names(two),
                             os.pread(fd, len(data) + 4, 0) == data + b'tail']
                    os.close(fd)
                    seen += [names(one), names(two)]
                    if replace: seen.append(open(two + '/hid/held', 'rb').read()); os.unlink(one + '/hid/held')
                print(*seen, sep='|')
                """)).isEqualTo(String.join("|",
                "100000", "0", "100004", "0", "['.', '..']", "['.', '..']", "True", "['.', '..']", "['.', '..']",
                "100000", "0", "100004", "0", "['.', '..', 'held']", "['.', '..', 'held']", "True",
                "['.', '..', 'held']", "['.', '..', 'held']", "b'new'") + "\n");
    }

    @Test
    void fstatFchmodFutimensAndXattrsAnswerByTheDescriptorAfterTheOtherMountRemovesTheName() throws Exception {
        // libfuse 2 asks for fstat, fchmod, futimens and f*xattr by the path it knows for the node:
        // the name went on mount two (its file, or its directory), so mount one answers by the inode
        // its descriptor holds (before, all of these were ENOENT). The sleep outlasts the 1 s caches.
        assertThat(pythonArgs("""
                import os, sys, time
                one, two = sys.argv[1], sys.argv[2]
                os.mkdir(one + '/gonedir')
                seen = []
                for path, remove in ((one + '/away', lambda: os.unlink(two + '/away')),
                                     (one + '/gonedir/away', lambda: os.rename(two + '/gonedir', two + '/moved'))):
                    data = os.urandom(100_000)
                    with open(path, 'wb') as f: f.write(data)
                    os.setxattr(path, 'user.k', b'v1')
                    fd = os.open(path, os.O_RDWR)
                    ino = os.fstat(fd).st_ino
                    remove()
                    time.sleep(1.5)
                    st = os.fstat(fd)
                    seen += [st.st_ino == ino, st.st_size, st.st_nlink]
                    os.fchmod(fd, 0o600)
                    os.utime(fd, ns=(1_000_000_000_123_456_789, 2_000_000_000_987_654_321))
                    os.setxattr(fd, 'user.k', b'v2')
                    st = os.fstat(fd)
                    seen += [oct(st.st_mode & 0o7777), st.st_atime_ns, st.st_mtime_ns, os.getxattr(fd, 'user.k'),
                             os.listxattr(fd)]
                    os.pwrite(fd, b'tail', len(data))
                    seen += [os.fstat(fd).st_size, os.pread(fd, len(data) + 4, 0) == data + b'tail']
                    os.close(fd)
                    seen.append(os.path.exists(path))
                print(*seen, sep='|')
                """)).isEqualTo(String.join("|",
                "True", "100000", "0", "0o600", "1000000000123456789", "2000000000987654321", "b'v2'", "['user.k']",
                "100004", "True", "False",
                "True", "100000", "1", "0o600", "1000000000123456789", "2000000000987654321", "b'v2'", "['user.k']",
                "100004", "True", "False") + "\n");
    }

    @Test
    void aNameRotatedAwayOnTheOtherMountCanBeMadeAgainWhileTheOldFileIsOpen() throws Exception {
        // logrotate on mount two renames a log a daemon on mount one holds open. Mount one answers
        // lookups of the old name by the open file (libfuse 2 asks fstat by that name too), yet an
        // O_CREAT open must make the name again, and a rename over it must succeed (before, libfuse
        // hid the open file first and that failed with ENOENT).
        assertThat(pythonArgs("""
                import os, sys, time
                one, two = sys.argv[1], sys.argv[2]
                seen = []
                for again in ('open', 'rename'):
                    fd = os.open(one + '/rot', os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
                    os.write(fd, b'old')
                    os.fsync(fd)
                    os.rename(two + '/rot', two + '/rot.1')
                    time.sleep(1.5)
                    seen.append(os.path.exists(one + '/rot'))
                    if again == 'open':
                        fd2 = os.open(one + '/rot', os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
                        os.write(fd2, b'fresh!')
                        os.close(fd2)
                    else:
                        with open(one + '/rot.tmp', 'wb') as f: f.write(b'fresh!')
                        os.rename(one + '/rot.tmp', one + '/rot')
                    os.write(fd, b'+more')
                    os.close(fd)
                    seen += [open(two + '/rot', 'rb').read(), open(two + '/rot.1', 'rb').read(), [n for n in sorted(os.listdir(one)) if n in ('rot', 'rot.1', 'rot.tmp') or n.startswith('.fuse')]]
                    os.unlink(one + '/rot'); os.unlink(one + '/rot.1')
                print(*seen)
                """)).isEqualTo(("True b'fresh!' b'old+more' %1$s True b'fresh!' b'old+more' %1$s\n")
                .formatted("['rot', 'rot.1']"));
    }

    @Test
    void aNameTakenByAnotherFileOnTheOtherMountStatsAsTheNewFileWhileTheDescriptorKeepsTheOld() throws Exception {
        // libfuse 2 has one node per path and cannot tell fstat from stat: while the name exists, both
        // answer the file it names now (a stat by name must not show a file that is gone); reads and
        // writes through the old descriptor stay on the old file, and nothing of either is lost.
        assertThat(pythonArgs("""
                import os, sys, time
                one, two = sys.argv[1], sys.argv[2]
                data = os.urandom(100_000)
                with open(one + '/taken', 'wb') as f: f.write(data)
                fd = os.open(one + '/taken', os.O_RDWR)
                old = os.fstat(fd).st_ino
                with open(two + '/taken.new', 'wb') as f: f.write(b'new')
                os.rename(two + '/taken.new', two + '/taken')
                time.sleep(1.5)
                new = os.stat(two + '/taken').st_ino
                seen = [os.stat(one + '/taken').st_ino == new, new != old, os.pread(fd, len(data), 0) == data]
                os.pwrite(fd, b'tail', len(data))
                os.fsync(fd)
                seen.append(os.pread(fd, len(data) + 4, 0) == data + b'tail')
                # Saved over and removed again on this mount while the old file is still open here
                # (libfuse hides the old one first; before, both were EPERM).
                with open(one + '/taken.2', 'wb') as f: f.write(b'second')
                os.rename(one + '/taken.2', one + '/taken')
                seen.append(open(two + '/taken', 'rb').read())
                os.unlink(one + '/taken')
                gone_here = not os.path.exists(one + '/taken')
                time.sleep(1.5) # mount two's attribute cache
                seen += [gone_here and not os.path.exists(two + '/taken'), os.pread(fd, len(data) + 4, 0) == data + b'tail']
                os.close(fd)
                print(*seen)
                """)).isEqualTo("True True True True b'second' True True\n");
    }

    @Test
    void aNameRemovedOnTheOtherMountIsCreatedAgainAtOnce() throws Exception {
        // Mount one's kernel still holds the name (entry timeout 1 s) when mount two removes it: an
        // open with O_CREAT must create the file again, one without must say ENOENT, not fail stale.
        assertThat(pythonArgs("""
                import os, sys
                one, two = sys.argv[1], sys.argv[2]
                made = []
                for _ in range(5):
                    with open(one + '/again', 'wb') as f: f.write(b'old')
                    os.stat(one + '/again')
                    os.unlink(two + '/again')
                    with open(one + '/again', 'wb') as f: f.write(b'new')
                    made.append(open(two + '/again', 'rb').read())
                    os.unlink(one + '/again')
                with open(one + '/gone', 'wb') as f: f.write(b'x')
                os.stat(one + '/gone')
                os.unlink(two + '/gone')
                try:
                    os.open(one + '/gone', os.O_RDONLY)
                    made.append('opened')
                except OSError as e:
                    made.append(e.errno)
                print(*made)
                """)).isEqualTo("b'new' b'new' b'new' b'new' b'new' 2\n");
    }

    @Test
    void aSaveOverAFileOpenOnThisMountNeverLeavesTheNameMissingElsewhere() throws Exception {
        // An editor's save (write a new file, rename it over the old) while the old is open on mount
        // one, which makes libfuse hide it first: a third mount that asks meta at every stat (no
        // attribute cache) must find the name at every moment. Before, it missed it: 4 of 19 stats over
        // 3 saves, 1 of 45 over 8, 2 of 58 over 16 (the gap between meta's unlink and rename is short).
        Path three = work.resolve("three");
        Path pid = work.resolve("three.pid");
        cluster.ok("mount", "--attr-timeout", "0", "--pid-file", pid.toString(), three.toString(), "--detach");
        try {
            assertThat(python(work, "import sys; sys.argv = ['-', '" + one + "', '" + three + "']\n" + """
                    import os, sys, time
                    one, three = sys.argv[1], sys.argv[2]
                    with open(one + '/saved', 'wb') as f: f.write(b'v')
                    r, w = os.pipe()
                    pid = os.fork()
                    if pid == 0:
                        os.close(r)
                        polls = missing = 0
                        end = time.time() + 60
                        while not os.path.exists('saves.done') and time.time() < end:
                            polls += 1
                            try: os.stat(three + '/saved')
                            except FileNotFoundError: missing += 1
                        os.write(w, b'%d %d' % (polls, missing))
                        os._exit(0)
                    os.close(w)
                    saves, bad = 16, 0
                    try:
                        for k in range(saves):
                            fd = os.open(one + '/saved', os.O_RDONLY)
                            with open(one + '/saved.tmp', 'wb') as f: f.write(b'v%d' % k)
                            os.rename(one + '/saved.tmp', one + '/saved')
                            if os.pread(fd, 1, 0) != b'v': bad += 1
                            os.close(fd)
                    finally:
                        open('saves.done', 'w').close() # the poller stops whatever happened here
                    polls, missing = map(int, os.read(r, 100).split())
                    os.waitpid(pid, 0)
                    last = open(three + '/saved', 'rb').read() == b'v%d' % (saves - 1)
                    os.unlink(one + '/saved')
                    print(polls >= saves, polls, 'missing', missing, bad, last, sorted(n for n in os.listdir(one) if 'saved' in n))
                    """)).matches("True \\d+ missing 0 0 True \\[\\]\n");
        } finally {
            if (Files.exists(pid)) new ProcessBuilder("fusermount", "-u", three.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String pythonArgs(String script) throws Exception {
        return python(work, "import sys; sys.argv = ['-', '" + one + "', '" + two + "']\n" + script);
    }
}
