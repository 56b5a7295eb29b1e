package org.ringfs.meta.namespace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Racing transactions: JE's locks plus reruns keep every POSIX rule. */
@Timeout(60)
class NamespaceConcurrencyTest {
    @TempDir Path dir;
    MetaFixture fx;
    MetaService meta;
    ExecutorService pool = Executors.newFixedThreadPool(4);

    @BeforeEach
    void open() throws Exception {
        fx = new MetaFixture(dir);
        meta = fx.meta;
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdown(); // never interrupt: an interrupted JE thread invalidates the environment
        assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        fx.close();
    }

    private <T> List<T> race(int n, Callable<T> task) throws Exception {
        List<Callable<T>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) tasks.add(task);
        return race(tasks);
    }

    private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) futures.add(pool.submit(task));
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) out.add(f.get());
        return out;
    }

    @Test
    void oneExclusiveCreateWinsAndNoCreateIsLost() throws Exception {
        meta.mkdir("/c", 0755, 0, 0);
        List<Integer> wins = race(4, () -> {
            String me = Thread.currentThread().getName();
            for (int i = 0; i < 20; i++) meta.create("/c/" + me + "-" + i, 0644, 0, 0, true);
            try {
                meta.create("/c/shared", 0644, 0, 0, true);
                return 1;
            } catch (RingFsException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.EXISTS);
                return 0;
            }
        });
        assertThat(wins.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        assertThat(meta.list("/c")).hasSize(4 * 20 + 1);
    }

    @Test
    void crossedDirectoryRenamesNeverMakeACycle() throws Exception {
        for (int round = 0; round < 5; round++) {
            String p = "/p" + round;
            String q = "/q" + round;
            meta.mkdir(p, 0755, 0, 0);
            meta.mkdir(q, 0755, 0, 0);
            List<Boolean> done = race(List.of(() -> renamed(p, q + "/x"), () -> renamed(q, p + "/y")));
            assertThat(done).contains(true);
        }
        assertThat(reachable("/")).isEqualTo(fx.store.inodeCount());
    }

    @Test
    void rmdirRacingCreateLeavesNoOrphan() throws Exception {
        for (int round = 0; round < 5; round++) {
            String d = "/r" + round;
            meta.mkdir(d, 0755, 0, 0);
            race(List.<Callable<ErrorCode>>of(() -> outcome(() -> meta.rmdir(d)),
                    () -> outcome(() -> meta.create(d + "/f", 0644, 0, 0, true))))
                    .forEach(code -> assertThat(code).isIn(null, ErrorCode.NOT_FOUND, ErrorCode.NOT_EMPTY));
        }
        assertThat(reachable("/")).isEqualTo(fx.store.inodeCount());
    }

    private boolean renamed(String from, String to) {
        return outcome(() -> meta.rename(from, to)) == null;
    }

    interface MetaCall {
        void run() throws RingFsException;
    }

    /** null when the call succeeded, else its error. */
    private static ErrorCode outcome(MetaCall call) {
        try {
            call.run();
            return null;
        } catch (RingFsException e) {
            return e.code();
        }
    }

    /** Inodes reachable from the root, the root included. */
    private long reachable(String path) throws Exception {
        long n = 1;
        for (DirectoryEntry e : meta.list(path)) {
            String child = (path.equals("/") ? "" : path) + "/" + e.name();
            n += e.attributes().isDirectory() ? reachable(child) : 1;
        }
        return n;
    }
}
