package org.ringfs.fuse.fs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;
import org.ringfs.client.StatAhead;
import org.ringfs.fuse.mount.MountOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mount's attribute cache on a real mount over an in-memory file system that counts stats by
 * path: {@code ls -l} answers its entries' attributes from the listing readdir fetched; a walk of
 * stats through a directory asks for a few of them, then one listing answers the rest; writing a
 * tree keeps the directories above it cached; a create or mkdir answers the kernel's questions about
 * the new name, and a create those about its directory, from what meta answered it. Skipped where
 * FUSE is missing.
 */
class AttributeCacheMountTest {
    static final int FILES = 100;

    /** Counts the meta calls that ask about the paths a predicate picks. */
    static final class CountingFileSystem extends InMemoryFileSystem {
        volatile Predicate<String> counted = p -> false;
        /** Stats of counted paths. */
        final AtomicInteger stats = new AtomicInteger();
        /** Stats of counted paths that found them (not the lookups of a name before its create). */
        final AtomicInteger foundStats = new AtomicInteger();
        /** Open files' fresh attributes (a meta call for the real client), of any path, while counting. */
        final AtomicInteger openFileReads = new AtomicInteger();
        /** getxattr of counted paths. */
        final AtomicInteger xattrReads = new AtomicInteger();

        @Override
        public synchronized InodeAttributes stat(String path) throws RingFsException {
            boolean count = counted.test(path);
            if (count) stats.incrementAndGet();
            InodeAttributes a = super.stat(path);
            if (count) foundStats.incrementAndGet();
            return a;
        }

        @Override
        void attributesRead(long inode) {
            openFileReads.incrementAndGet();
        }

        @Override
        public synchronized byte[] getXattr(String path, String name) throws RingFsException {
            if (counted.test(path)) xattrReads.incrementAndGet();
            return super.getXattr(path, name);
        }

        void count(Predicate<String> paths) {
            counted = paths;
            stats.set(0);
            foundStats.set(0);
            openFileReads.set(0);
            xattrReads.set(0);
        }
    }

    private static TestMount mount;
    private static RingFuse fuse;
    private static final CountingFileSystem fs = new CountingFileSystem();

    @BeforeAll
    static void mount() throws Exception {
        fs.buffersWrites = true; // as the client: writes reach meta at their commit
        for (String dir : new String[] {"/tree", "/created", "/truncated", "/filled", "/written", "/made", "/buffered",
                "/closed", "/lost"}) {
            fs.mkdir(dir, 0755, 0, 0);
        }
        for (String dir : new String[] {"/listed", "/walked"}) {
            fs.mkdir(dir, 0755, 0, 0);
            for (int i = 0; i < FILES; i++) fs.create(dir + "/f" + i, 0644, 0, 0, true).close();
        }
        fs.mkdir("/opened", 0755, 0, 0);
        for (int i = 0; i < 20; i++) {
            try (OpenFile f = fs.create("/opened/f" + i, 0644, 0, 0, true)) {
                f.write(0, new byte[] {'x', '\n'}, 0, 2);
            }
        }
        fuse = new RingFuse(fs, 60, () -> {}); // attributes trusted for a minute: the test outlives no timer
        mount = TestMount.mount("stat-ahead-test", fuse, new MountOptions(60, 0, true));
    }

    @AfterAll
    static void unmount() {
        if (fuse != null) {
            fuse.umount();
            fuse.closeAll();
        }
    }

    private static String sh(String command) throws IOException, InterruptedException {
        return mount.sh(command, 60);
    }

    @Test
    void lsDashLAnswersEveryEntryFromItsListing() throws Exception {
        fs.count(p -> p.startsWith("/listed/"));
        String out = sh("ls -l listed | grep -c '^-rw-r--r--'");
        assertThat(out).isEqualTo(FILES + "\nexit 0");
        assertThat(fs.stats).as("stats of /listed's entries").hasValue(0);
    }

    @Test
    void aWalkOfStatsAsksForAFewThenOneListingAnswersTheRest() throws Exception {
        fs.count(p -> p.startsWith("/walked/"));
        String out = sh("stat -c %s walked/f{0.." + (FILES - 1) + "} | sort -u");
        assertThat(out).isEqualTo("0\nexit 0");
        assertThat(fs.stats.get()).as("stats of /walked's entries").isBetween(StatAhead.MISSES - 1, 2 * StatAhead.MISSES);
    }

    @Test
    void writingATreeKeepsTheDirectoriesAboveItCached() throws Exception {
        assertThat(sh("mkdir tree/sub && ls -ld tree > /dev/null")).isEqualTo("exit 0");
        fs.count(p -> p.equals("/tree"));
        assertThat(sh("for i in $(seq 20); do echo x > tree/sub/f$i; mkdir tree/sub/d$i; done; ls tree/sub | wc -l"))
                .isEqualTo("40\nexit 0");
        // each path's lookup of "tree" (the kernel keeps no names: entry timeout 0) asks the mount
        assertThat(fs.stats.get()).as("meta stats of /tree while its subdirectory is written").isLessThanOrEqualTo(1);
    }

    @Test
    void removingFilesKeepsTheDirectoriesAboveThemCached() throws Exception {
        assertThat(sh("mkdir -p emptied/sub && for i in $(seq 20); do echo x > emptied/sub/f$i; done; ls -ld emptied > /dev/null"))
                .isEqualTo("exit 0");
        fs.count(p -> p.equals("/emptied"));
        assertThat(sh("for i in $(seq 20); do rm emptied/sub/f$i; done; rmdir emptied/sub; ls emptied | wc -l"))
                .isEqualTo("0\nexit 0");
        // each path's lookup of "emptied" asks the mount; the unlinks moved only what was below it (the
        // rmdir empties the cache: the ls asks once)
        assertThat(fs.stats.get()).as("meta stats of /emptied while its subdirectory is emptied").isLessThanOrEqualTo(1);
    }

    @Test
    void aDirectoryMadeAgainShowsNoneOfItsFormerEntries() throws Exception {
        assertThat(sh("mkdir again && echo x > again/old && stat -c %s again/old")).isEqualTo("2\nexit 0");
        fs.unlink("/again/old"); // another client removes it: this mount still has it cached
        assertThat(sh("rmdir again && mkdir again && ls -A again | wc -l && test -e again/old; echo $?"))
                .isEqualTo("0\n1\nexit 0");
    }

    @Test
    void removingFilesAsksMetaForTheirDirectoryNoMore() throws Exception {
        assertThat(sh("mkdir -p thinned/sub && for i in $(seq 20); do echo x > thinned/sub/f$i; done; ls -ld thinned/sub > /dev/null"))
                .isEqualTo("exit 0");
        fs.count(p -> p.equals("/thinned/sub"));
        assertThat(sh("for i in $(seq 20); do rm thinned/sub/f$i; done; ls -ld thinned/sub | cut -c1"))
                .isEqualTo("d\nexit 0");
        // each rm's lookup through "sub" and its permission check on it: answered by the last unlink
        assertThat(fs.stats.get()).as("meta stats of /thinned/sub while its files are removed").isLessThanOrEqualTo(1);
    }

    @Test
    void aNewFileIsAnsweredByWhatItsCreateSaid() throws Exception {
        // set -C: the shell creates with O_EXCL, as git checkout and tar do
        assertNewFilesAreAnsweredByTheirCreates("created", "set -C; ");
    }

    @Test
    void aNewFileCreatedWithTruncateIsAnsweredByWhatItsCreateSaid() throws Exception {
        // O_CREAT | O_TRUNC without O_EXCL, as a shell's > and cp do: an empty new file has nothing to truncate
        assertNewFilesAreAnsweredByTheirCreates("truncated", "");
    }

    private static void assertNewFilesAreAnsweredByTheirCreates(String dir, String shellOptions) throws Exception {
        fs.count(p -> p.startsWith("/" + dir + "/"));
        assertThat(sh(shellOptions + "for i in $(seq 20); do : > " + dir + "/f$i; done; ls " + dir + " | wc -l"))
                .isEqualTo("20\nexit 0");
        assertThat(fs.foundStats).as("meta stats that found a new file").hasValue(0);
        assertThat(fs.openFileReads).as("reads of an open file's attributes from meta").hasValue(0);
    }

    /** Before, the stat after each close asked meta: the close's commit had dropped the file's attributes. */
    @Test
    void aFileClosedHereIsAnsweredByWhatItsCommitSaid() throws Exception {
        fs.count(p -> p.startsWith("/closed/"));
        assertThat(sh("set -C; for i in $(seq 20); do echo x$i > closed/f$i; stat -c %s closed/f$i; done | sort -u"))
                .isEqualTo("3\n4\nexit 0");
        assertThat(fs.foundStats).as("meta stats that found a closed file").hasValue(0);
        assertThat(fs.openFileReads).as("reads of an open file's attributes from meta").hasValue(0);
        InodeAttributes meta = fs.stat("/closed/f7");
        assertThat(sh("stat -c '%s %.9Y' closed/f7")).isEqualTo(meta.size() + " " + seconds(meta.mtimeNanos()) + "\nexit 0");
    }

    @Test
    void aCloseWhoseCommitAnswerWasLostLeavesTheNextStatToMeta() throws Exception {
        assertThat(sh("echo first > lost/f; stat -c %s lost/f")).isEqualTo("6\nexit 0"); // cached from its commit
        fs.commitsLoseTheirAnswers = true;
        try {
            sh("echo second >> lost/f"); // meta took the commit; the mount heard only a failure
        } finally {
            fs.commitsLoseTheirAnswers = false;
        }
        assertThat(sh("stat -c %s lost/f")).isEqualTo("13\nexit 0");
    }

    @Test
    void aDirectoryFilledWithNewFilesStaysCachedWithMetasTimes() throws Exception {
        InodeAttributes before = fs.stat("/filled");
        assertThat(sh("ls -ld filled > /dev/null")).isEqualTo("exit 0");
        fs.count(p -> p.equals("/filled"));
        String times = sh("set -C; for i in $(seq 20); do : > filled/f$i; done; stat -c '%.9Y %.9Z' filled");
        int stats = fs.stats.get();
        fs.count(p -> false);
        InodeAttributes meta = fs.stat("/filled");
        assertThat(meta.mtimeNanos()).isGreaterThan(before.mtimeNanos());
        assertThat(times).isEqualTo(seconds(meta.mtimeNanos()) + " " + seconds(meta.ctimeNanos()) + "\nexit 0");
        // each create's lookup of "filled" and the create's own look at it ask the mount
        assertThat(stats).as("meta stats of /filled while 20 files are created in it").isLessThanOrEqualTo(1);
    }

    private static String seconds(long nanos) {
        return String.format("%d.%09d", nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    @Test
    void aFileCreatedHereIsNotAskedForACapabilityBeforeItsWrites() throws Exception {
        fs.count(p -> p.startsWith("/written/"));
        assertThat(sh("set -C; for i in $(seq 20); do echo x > written/f$i; done; cat written/f* | wc -l"))
                .isEqualTo("20\nexit 0");
        assertThat(fs.xattrReads).as("getxattr calls that reached meta").hasValue(0);
        // a capability set here is seen at once
        assertThat(sh("setcap cap_net_raw+ep written/f1 && getcap written/f1")).isEqualTo("written/f1 cap_net_raw=ep\nexit 0");
    }

    @Test
    void aNewDirectoryIsAnsweredByWhatItsMkdirSaid() throws Exception {
        fs.count(p -> p.startsWith("/made/"));
        assertThat(sh("for i in $(seq 20); do mkdir made/d$i; done; ls made | wc -l")).isEqualTo("20\nexit 0");
        assertThat(fs.foundStats).as("meta stats that found a new directory").hasValue(0);
    }

    @Test
    void readingFilesAsksMetaAtMostOnceEach() throws Exception {
        fs.count(p -> p.startsWith("/opened/"));
        assertThat(sh("for i in $(seq 0 19); do cat opened/f$i; done | wc -c")).isEqualTo("40\nexit 0");
        // the lookups ask (until a listing ahead answers the rest); neither the reads' relatime
        // check nor the kernel's attribute checks after the atime moved read the open file from meta
        assertThat(fs.foundStats.get() + fs.openFileReads.get()).as("meta calls for 20 files read").isLessThanOrEqualTo(20);
    }

    @Test
    void aWriteTheClientOnlyBufferedLeavesTheFileCached() throws Exception {
        fs.count(p -> p.startsWith("/buffered/"));
        // git checkout's fstat after each file's write is such a stat (a shell's echo >&3 would close
        // a duplicate of the descriptor, and each close commits)
        String out = sh("python3 -c \"import os\n"
                + "fd = os.open('buffered/f', os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)\n"
                + "for i in range(20): os.write(fd, b'x\\n'); print(os.fstat(fd).st_size, flush=True)\n"
                + "os.close(fd); print(os.stat('buffered/f').st_size)\"");
        StringBuilder sizes = new StringBuilder();
        for (int i = 1; i <= 20; i++) sizes.append(2 * i).append('\n');
        assertThat(out).isEqualTo(sizes + "40\nexit 0");
        // the stat after the close (which committed) asks
        assertThat(fs.foundStats.get() + fs.openFileReads.get()).as("meta calls for f while it was written").isLessThanOrEqualTo(1);
    }

    @Test
    void anOpenSeesWhatMetaHasThoughAnOlderAnswerIsCached() throws Exception {
        try (OpenFile f = fs.create("/reopened", 0644, 0, 0, true)) {
            f.write(0, "old\n".getBytes(StandardCharsets.UTF_8), 0, 4);
        }
        // the getattr libfuse sends after the truncate caches its attributes (size 0) for a minute
        assertThat(sh("truncate -s 0 reopened && stat -c %s reopened")).isEqualTo("0\nexit 0");
        try (OpenFile f = fs.open("/reopened", false)) { // another client writes it
            f.write(0, "newer\n".getBytes(StandardCharsets.UTF_8), 0, 6);
        }
        // close-to-open: the open asks meta; the read past the size the kernel has asks fgetattr, which
        // must not answer from an entry older than the open (TwoMountsTest's copytruncate case)
        assertThat(sh("python3 -c \"print(open('reopened', 'rb').read())\"")).isEqualTo("b'newer\\n'\nexit 0");
    }
}
