package org.ringfs.e2e.ha;

import org.ringfs.e2e.client.ClientFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.transport.MetaClient;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 12, the group's limits: with two of three members killed a write fails cleanly within the
 * client's bounded wait, with an error that says so, and nothing acknowledged is lost; once one
 * member is back the group elects a master and the same client goes on by itself. A replica whose
 * store was deleted while it was down comes back from the others (JE feeds it the log, or copies a
 * member's whole store when the log no longer reaches back) with the same digest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MetaQuorumTest {
    MiniRingFsCluster cluster;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().metaMembers(3).dataServers(3).blockSize(64 * 1024).processes(true).build();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void withTwoOfThreeMembersDownWritesFailCleanlyAndResumeWhenOneReturns() throws Exception {
        RingFsClient fs = cluster.client();
        byte[] before = bytes(100_000, 1);
        write(fs, "/before", before);

        int master = cluster.awaitMetaMaster();
        int replica = master == 1 ? 2 : 1;
        cluster.crashMetaMember(master);
        cluster.crashMetaMember(replica);
        long t0 = System.nanoTime();
        try {
            fs.mkdir("/during", 0755, 0, 0);
            fail("a write was acknowledged with two of three meta members down");
        } catch (RingFsException e) {
            double waited = (System.nanoTime() - t0) / 1e9;
            System.out.printf("MetaQuorumTest: with 2 of 3 meta members down a write failed after %.1f s: %s (%s)%n",
                    waited, e.getMessage(), e.code());
            assertThat(e.code()).isIn(ErrorCode.UNAVAILABLE, ErrorCode.NOT_MASTER);
            assertThat(e.getMessage()).as("the error names the meta members").contains(cluster.metaMemberAddress(master));
            assertThat(waited).as("the bounded wait").isLessThan(60);
        }

        // One member back: a majority again. A write sent while two were still down waits for it and succeeds:
        // a running client goes on without being told.
        // (A client that looks for a master for 90 s, not 30: a member's JVM may take half a minute to start on a busy machine.)
        RingFsClient patient = cluster.clientThrough(m -> ((MetaClient) m).failingOverFor(Duration.ofSeconds(90)));
        long t1 = System.nanoTime();
        CompletableFuture<Void> resumed = CompletableFuture.runAsync(() -> {
            try {
                patient.mkdir("/after", 0755, 0, 0);
            } catch (RingFsException e) {
                throw new CompletionException(e);
            }
        });
        Thread.sleep(1000);
        assertThat(resumed).as("no write while two of three are down").isNotDone();
        cluster.startMetaMember(replica);
        resumed.get(100, TimeUnit.SECONDS);
        System.out.printf("MetaQuorumTest: a write sent with 2 of 3 members down succeeded %.1f s later, once one was back%n",
                (System.nanoTime() - t1) / 1e9);
        assertThat(fs.stat("/after")).isNotNull();
        assertThat(ClientFiles.read(fs, "/before")).isEqualTo(before);
        assertThat(statOrNull(fs, "/during")).as("the refused mkdir stays undone or done once, never half").isIn(true, false);

        cluster.startMetaMember(master);
        assertThat(MetaDigests.awaitEqual(cluster, 3, Duration.ofSeconds(60))).hasSize(3);
    }

    @Test
    @Order(2)
    void aReplicaWhoseStoreWasDeletedWhileDownComesBackWithTheSameStore() throws Exception {
        RingFsClient fs = cluster.client();
        int master = cluster.awaitMetaMaster();
        int replica = master == 3 ? 2 : 3;
        cluster.crashMetaMember(replica);
        cluster.deleteMetaStore(replica);
        for (int i = 0; i < 20; i++) write(fs, "/while-down-" + i, bytes(10_000, 100 + i));
        long t0 = System.nanoTime();
        cluster.startMetaMember(replica);
        assertThat(MetaDigests.awaitEqual(cluster, 3, Duration.ofSeconds(90))).hasSize(3);
        String log = Files.readString(cluster.logFile("meta-" + replica));
        System.out.printf("MetaQuorumTest: meta-%d rebuilt from the group in %.1f s (%s)%n", replica,
                (System.nanoTime() - t0) / 1e9, log.contains("copying a member's log") ? "network restore" : "fed the group's log");
        for (int i = 0; i < 20; i++) assertThat(ClientFiles.read(fs, "/while-down-" + i)).isEqualTo(bytes(10_000, 100 + i));
    }

    private static Boolean statOrNull(RingFsClient fs, String path) throws RingFsException {
        try {
            fs.stat(path);
            return true;
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.NOT_FOUND) return false;
            throw e;
        }
    }

    private static void write(RingFsClient fs, String path, byte[] data) throws RingFsException {
        try (OpenFile f = fs.create(path, 0644, 0, 0, true)) {
            f.write(0, data, 0, data.length);
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
