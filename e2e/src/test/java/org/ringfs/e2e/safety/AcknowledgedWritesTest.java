package org.ringfs.e2e.safety;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.repair.FsckReport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The data-loss cases against real server processes: a file held open for longer than
 * every timer while fsck repairs and the data servers reconcile; a truncate under another handle's
 * stored but uncommitted blocks; a commit whose outcome the client never learned. Each lost
 * acknowledged data on 6e485c3; here every byte reads back and fsck is clean.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AcknowledgedWritesTest {
    static final int BLOCK = 256 * 1024;
    /** Meta ends a silent writer session after this long; the data servers reconcile every second. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

    MiniRingFsCluster cluster;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(5).blockSize(BLOCK).processes(true)
                .reconcileIntervalMillis(1000).sessionTimeoutMillis(SESSION_TIMEOUT.toMillis()).build();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void aFileHeldOpenPastEveryTimerWhileFsckRepairsKeepsItsBytes() throws Exception {
        RingFsClient writer = cluster.client();
        byte[] data = random(12 * BLOCK, 1); // 3 MiB: stored as it fills, not committed while open
        OpenFile f = writer.create("/held-open", 0644, 0, 0, true);
        f.write(0, data, 0, data.length);
        RingFsClient admin = cluster.client();
        long until = System.nanoTime() + 2 * SESSION_TIMEOUT.toNanos(); // and a dozen reconcile passes
        while (System.nanoTime() < until) {
            admin.fsck().repair();
            Thread.sleep(500);
        }
        f.close();
        assertThat(read(cluster.client(), "/held-open")).isEqualTo(data);
        assertThat(cleanAfterSweeps(admin)).isTrue();
    }

    @Test
    void aTruncateByAnotherHandleLeavesAWritersStoredBlocksReadable() throws Exception {
        RingFsClient fs = cluster.client();
        byte[] first = random(20 * BLOCK, 2);
        byte[] more = random(12 * BLOCK, 3);
        OpenFile writer = fs.create("/truncated-under", 0644, 0, 0, true);
        writer.write(0, first, 0, first.length);
        writer.flush();                                  // fsync: committed
        writer.write(first.length, more, 0, more.length); // stored as blocks fill, not committed
        RingFsClient other = cluster.client();
        other.truncate("/truncated-under", 0);           // `: > file` from another process
        writer.close();

        byte[] back = read(cluster.client(), "/truncated-under"); // no EIO: nothing it points at was deleted
        // The writer's later blocks survive at their offsets (it wrote past the truncate's end); before them, a hole.
        assertThat(back).hasSize(first.length + more.length);
        for (int i = 0; i < first.length; i++) if (back[i] != 0) throw new AssertionError("byte " + i + " is not a hole");
        assertThat(java.util.Arrays.copyOfRange(back, first.length, back.length)).isEqualTo(more);
        assertThat(cleanAfterSweeps(fs)).isTrue();
    }

    @Test
    void aCommitWhoseOutcomeWasLostNeverCostsTheCommittedCopies() throws Exception {
        // The transport sends the commit twice (a silent retry of a POST whose reply was lost): the first
        // commits, the second finds the block moved (CONFLICT); the client rebases, and then meta is gone
        // before its second commit. On 6e485c3 the rebase deleted the committed generation's copies.
        AtomicInteger commits = new AtomicInteger();
        RingFsClient fs = cluster.clientThrough(meta -> lossyCommits(meta, commits));
        byte[] data = random(2 * BLOCK, 4);
        OpenFile f = fs.create("/ambiguous", 0644, 0, 0, true);
        f.write(0, data, 0, data.length);
        assertThatThrownBy(f::close).extracting(e -> ((RingFsException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(commits.get()).isEqualTo(2);

        Thread.sleep(1000); // whatever the client might have set off in the background has run
        assertThat(read(cluster.client(), "/ambiguous")).isEqualTo(data);
        assertThat(cleanAfterSweeps(cluster.client())).isTrue();
    }

    /** Commit 1 reaches meta twice and answers CONFLICT; commit 2 never reaches meta; later ones go through. */
    static MetaService lossyCommits(MetaService meta, AtomicInteger commits) {
        InvocationHandler h = (proxy, method, args) -> {
            try {
                if (method.getName().equals("commit")) {
                    int n = commits.incrementAndGet();
                    if (n == 1) {
                        method.invoke(meta, args);
                        return method.invoke(meta, args); // the retried POST: CONFLICT
                    }
                    if (n == 2) throw new RingFsException(ErrorCode.UNAVAILABLE, "meta unreachable (test)");
                }
                return method.invoke(meta, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[] {MetaService.class}, h);
    }

    /** Fsck is clean once the data servers have carried out meta's freed records (they poll every 2 s). */
    static boolean cleanAfterSweeps(RingFsClient fs) throws Exception {
        FsckReport last = null;
        for (int i = 0; i < 40; i++) {
            last = fs.fsck().check();
            if (last.clean()) return true;
            Thread.sleep(250);
        }
        System.err.println("not clean: " + last + " " + last.findings());
        return false;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] read(RingFsClient fs, String path) throws RingFsException {
        try (OpenFile f = fs.open(path, false)) {
            byte[] out = new byte[(int) f.size()];
            for (int at = 0; at < out.length; ) {
                int n = f.read(at, out, at, Math.min(100_000, out.length - at));
                assertThat(n).isPositive();
                at += n;
            }
            return out;
        }
    }
}
