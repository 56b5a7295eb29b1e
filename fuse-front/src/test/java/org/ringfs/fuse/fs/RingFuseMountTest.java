package org.ringfs.fuse.fs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ringfs.fuse.mount.MountOptions;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FUSE layer mounted for real over an in-memory file system, driven by the shell tools people
 * use: it shows what the kernel and libfuse make of our answers. Skipped where FUSE is missing.
 */
class RingFuseMountTest {
    private static TestMount mount;
    private static RingFuse fuse;
    private static InMemoryFileSystem memory;

    @BeforeAll
    static void mount() throws Exception {
        memory = new InMemoryFileSystem();
        fuse = new RingFuse(memory, 1, () -> {});
        mount = TestMount.mount("ringfuse-test", fuse, new MountOptions(0, 0, true));
    }

    @AfterAll
    static void unmount() {
        if (fuse != null) fuse.umount();
    }

    private static String sh(String command) throws IOException, InterruptedException {
        return mount.sh(command, 30);
    }

    @Test
    void aMountThatCannotBeMadeFailsAndLeavesTheFileSystemFreeToMountElsewhere() throws Exception {
        RingFuse other = new RingFuse(new InMemoryFileSystem(), 1, () -> {});
        java.nio.file.Path missing = java.nio.file.Files.createTempDirectory("no-mount").resolve("not-there");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.mount(missing, false, false,
                        new MountOptions(0, 0, true).fuseArgs()))
                .isInstanceOf(ru.serce.jnrfuse.FuseException.class).hasMessageContaining("Unable to mount");
        TestMount second = TestMount.mount("ringfuse-remount", other, new MountOptions(0, 0, true));
        try {
            assertThat(second.sh("echo hi > f && cat f", 30)).isEqualTo("hi\nexit 0");
        } finally {
            other.umount();
        }
    }

    @Test
    void readsWaitingOnSlowServersDoNotHoldUpTheMountsOtherRequests() throws Exception {
        int waiting = 2 * RequestLoop.FIRST_WORKERS;
        assertThat(sh("mkdir -p slow && for i in $(seq " + waiting + "); do echo $i > slow/f$i; done; echo made"))
                .isEqualTo("made\nexit 0");
        memory.readsWaitFor = new java.util.concurrent.CountDownLatch(1);
        Process readers = new ProcessBuilder("bash", "-c", "for i in $(seq " + waiting + "); do cat slow/f$i & done; wait")
                .directory(mount.mnt.toFile()).redirectErrorStream(true).start();
        try {
            Thread.sleep(500); // every cat is in a read that waits
            assertThat(readers.isAlive()).isTrue();
            // More reads wait than the loop started with workers: the stat is answered all the same.
            // (From outside the mount: a shell starting in it would wait for its lookup before timeout runs.)
            Process stat = new ProcessBuilder("timeout", "10", "stat", "-c", "%s", mount.mnt.resolve("slow/f1").toString())
                    .redirectErrorStream(true).start();
            assertThat(stat.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(new String(stat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    + "exit " + stat.exitValue()).isEqualTo("2\nexit 0");
        } finally {
            memory.readsWaitFor.countDown();
            memory.readsWaitFor = null;
        }
        assertThat(readers.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String read = new String(readers.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(read.lines().sorted().toList()).hasSize(waiting);
        assertThat(sh("rm -r slow; echo ok")).isEqualTo("ok\nexit 0");
    }

    @Test
    void requestsAreServedOnThreadsTheJvmStartedNotOnesAttachedPerCallback() throws Exception {
        // libfuse's own loop ran each request on a native thread that jffi attached to the JVM and
        // detached again, a new Java thread per callback for a worker's first 1,000: with it the
        // stats below started about one thread each.
        assertThat(sh("mkdir -p many && for i in $(seq 20); do : > many/f$i; done; echo made")).isEqualTo("made\nexit 0");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getTotalStartedThreadCount();
        assertThat(sh("for r in $(seq 50); do stat -c %s many/f* > /dev/null; done; rm -r many; echo ok")).isEqualTo("ok\nexit 0");
        // 1,000 stats, each at least one getattr: the few threads started are new workers, if any.
        assertThat(threads.getTotalStartedThreadCount() - before).isLessThan(RequestLoop.MAX_WORKERS / 4);
    }

    @Test
    void fstatOfAnOpenFileWhoseNameWentAnswersItsSizeAndNoLinks() throws Exception {
        // libfuse hides the open file under a .fuse_hidden name and asks fstat's attributes by it;
        // before RingFuse mapped that name (hard_remove) fstat answered ENOENT.
        assertThat(sh("""
                mkdir -p held && cd held && python3 -c "
                import os
                out = []
                for replace in (False, True):
                    with open('f', 'wb') as w: w.write(b'x' * 100)
                    fd = os.open('f', os.O_RDWR)
                    if replace:
                        with open('f.new', 'wb') as w: w.write(b'new')
                        os.rename('f.new', 'f')
                    else:
                        os.unlink('f')
                    os.pwrite(fd, b'tail', 100)
                    st = os.fstat(fd)
                    out += [st.st_size, st.st_nlink, os.pread(fd, 200, 96), sorted(os.listdir('.'))]
                    os.close(fd)
                    if replace: os.unlink('f')
                print(*out, sorted(os.listdir('.')))
                " && cd .. && rmdir held
                """)).isEqualTo("104 0 b'xxxxtail' [] 104 0 b'xxxxtail' ['f'] []\nexit 0");
    }

    @Test
    void aHiddenFileKeepsItsOtherLinksReopensThroughProcAndUsersCannotMakeHiddenNames() throws Exception {
        assertThat(sh("""
                mkdir -p hid && cd hid && python3 -c "
                import os, errno
                out = []
                with open('f', 'wb') as w: w.write(b'abc')
                os.link('f', 'g')
                fd = os.open('f', os.O_RDWR)
                os.unlink('f')
                out.append(os.fstat(fd).st_nlink)                  # g still names it
                again = os.open('/proc/self/fd/%d' % fd, os.O_RDONLY)
                out.append(os.read(again, 10))
                os.close(again); os.close(fd)
                hidden = '.fuse_hidden0000000100000001'
                for make in (lambda: open(hidden, 'wb'), lambda: os.mkdir(hidden), lambda: os.rename('g', hidden),
                             lambda: os.link('g', hidden), lambda: os.symlink('g', hidden)):
                    try:
                        make(); out.append('made')
                    except OSError as e:
                        out.append(errno.errorcode[e.errno])
                out.append(sorted(os.listdir('.')))
                os.unlink('g')
                print(*out)
                " && cd .. && rmdir hid
                """)).isEqualTo("1 b'abc' EPERM EPERM EPERM EPERM EPERM ['g']\nexit 0");
    }

    @Test
    void aDirectoryWhoseOpenFileWasUnlinkedIsRemovedAndTheFileStillReads() throws Exception {
        // As on a local file system (libfuse alone would say ENOTEMPTY: its hidden file is real).
        assertThat(sh("""
                mkdir -p gone/sub && python3 -c "
                import os, errno
                with open('gone/sub/f', 'wb') as w: w.write(b'abc')
                fd = os.open('gone/sub/f', os.O_RDWR)
                os.unlink('gone/sub/f')
                os.rmdir('gone/sub'); os.rmdir('gone')
                os.pwrite(fd, b'd', 3)
                out = [os.pread(fd, 10, 0), os.path.exists('gone')]
                try:
                    out.append(os.fstat(fd).st_size)
                except OSError as e:
                    out.append(errno.errorcode[e.errno])
                os.close(fd)
                print(*out)
                "
                """)).isEqualTo("b'abcd' False ENOENT\nexit 0");
    }

    @Test
    void createReadAppendRename() throws Exception {
        assertThat(sh("echo hello > 1.txt && cat 1.txt")).isEqualTo("hello\nexit 0");
        assertThat(sh("cp 1.txt 2.txt && echo world >> 2.txt && mv 2.txt 3.txt && cat 3.txt && ls"))
                .isEqualTo("hello\nworld\n1.txt\n3.txt\nexit 0");
    }

    @Test
    void writesAtOffsetsAndTruncation() throws Exception {
        assertThat(sh("printf abcdefgh > t && printf XY | dd of=t bs=1 seek=3 conv=notrunc status=none && cat t"))
                .isEqualTo("abcXYfghexit 0");
        assertThat(sh("truncate -s 4 t && cat t && truncate -s 6 t && od -An -c t | tr -s ' '"))
                .isEqualTo("abcX a b c X \\0 \\0\nexit 0");
        assertThat(sh("head -c 300000 /dev/urandom > big && cp big big2 && cmp big big2 && stat -c %s big2"))
                .isEqualTo("300000\nexit 0");
    }

    @Test
    void directoriesAndErrnos() throws Exception {
        assertThat(sh("mkdir -p d/e && echo x > d/e/f && rmdir d")).contains("Directory not empty").endsWith("exit 1");
        assertThat(sh("rm -rf d && ls -a d")).contains("No such file or directory").endsWith("exit 2");
        assertThat(sh("mkdir m && mkdir m")).contains("File exists").endsWith("exit 1");
    }

    @Test
    void linksSymlinksAndSpecialFiles() throws Exception {
        assertThat(sh("echo data > orig && ln orig hard && stat -c '%h %i' orig | cut -d' ' -f1 && cat hard"))
                .isEqualTo("2\ndata\nexit 0");
        assertThat(sh("[ $(stat -c %i orig) = $(stat -c %i hard) ] && echo same")).isEqualTo("same\nexit 0");
        assertThat(sh("ln -s orig sym && readlink sym && cat sym && stat -c %F sym"))
                .isEqualTo("orig\ndata\nsymbolic link\nexit 0");
        assertThat(sh("mkfifo fifo && stat -c %F fifo")).isEqualTo("fifo\nexit 0");
        assertThat(sh("mknod cdev c 1 3 && stat -c '%F %t %T' cdev")).isEqualTo("character special file 1 3\nexit 0");
    }

    @Test
    void ownersModesAndTimes() throws Exception {
        assertThat(sh("echo x > owned && chown 1000:1000 owned && chmod 640 owned && stat -c '%u %g %a' owned"))
                .isEqualTo("1000 1000 640\nexit 0");
        assertThat(sh("touch -d '2001-02-03 04:05:06.5 UTC' owned && TZ=UTC stat -c %y owned"))
                .isEqualTo("2001-02-03 04:05:06.500000000 +0000\nexit 0");
        assertThat(sh("mkdir sg && chown 0:50 sg && chmod 2775 sg && mkdir sg/sub && touch sg/f"
                + " && stat -c '%g %a' sg/sub sg/f")).isEqualTo("50 2755\n50 644\nexit 0");
        assertThat(sh("echo x > suid && chmod 4755 suid && chown 1000 suid && stat -c %a suid"))
                .isEqualTo("755\nexit 0");
    }

    @Test
    void otherUsersMeetPosixPermissions() throws Exception {
        String asUser = "setpriv --reuid 1000 --regid 1000 --clear-groups ";
        assertThat(sh("echo x > w && chmod 4777 w && " + asUser + "bash -c 'echo y >> w' && stat -c %a w && cat w"))
                .isEqualTo("777\nx\ny\nexit 0");
        assertThat(sh("echo x > mine && " + asUser + "chown 1000 mine")).contains("Operation not permitted")
                .endsWith("exit 1");
        assertThat(sh("mkdir -m 1777 shared && echo x > shared/roots && " + asUser + "rm -f shared/roots"))
                .contains("Operation not permitted").endsWith("exit 1");
        assertThat(sh("chmod 600 mine && " + asUser + "cat mine")).contains("Permission denied").endsWith("exit 1");
    }

    @Test
    void extendedAttributes() throws Exception {
        assertThat(sh("touch xa && python3 -c \"import os; os.setxattr('xa', 'user.k', b'value');"
                + " print(os.getxattr('xa', 'user.k').decode(), os.listxattr('xa'))\""))
                .isEqualTo("value ['user.k']\nexit 0");
    }

    @Test
    void statfsReportsCapacity() throws Exception {
        assertThat(sh("stat -f -c '%S %b' .")).isEqualTo("1048576 102400\nexit 0");
    }
}
