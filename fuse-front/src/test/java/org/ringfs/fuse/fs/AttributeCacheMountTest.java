package org.ringfs.fuse.fs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.client.StatAhead;
import org.ringfs.fuse.mount.MountOptions;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mount's attribute cache on a real mount over an in-memory file system that counts stats by
 * path: {@code ls -l} answers its entries' attributes from the listing readdir fetched; a walk of
 * stats through a directory asks for a few of them, then one listing answers the rest; writing a
 * tree keeps the directories above it cached. Skipped where FUSE is missing.
 */
class AttributeCacheMountTest {
    static final int FILES = 100;

    /** Counts meta stats of the paths a predicate picks. */
    static final class CountingFileSystem extends InMemoryFileSystem {
        volatile Predicate<String> counted = p -> false;
        final AtomicInteger stats = new AtomicInteger();

        @Override
        public synchronized InodeAttributes stat(String path) throws RingFsException {
            if (counted.test(path)) stats.incrementAndGet();
            return super.stat(path);
        }

        void count(Predicate<String> paths) {
            counted = paths;
            stats.set(0);
        }
    }

    private static TestMount mount;
    private static RingFuse fuse;
    private static final CountingFileSystem fs = new CountingFileSystem();

    @BeforeAll
    static void mount() throws Exception {
        fs.mkdir("/tree", 0755, 0, 0);
        for (String dir : new String[] {"/listed", "/walked"}) {
            fs.mkdir(dir, 0755, 0, 0);
            for (int i = 0; i < FILES; i++) fs.create(dir + "/f" + i, 0644, 0, 0, true).close();
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
}
