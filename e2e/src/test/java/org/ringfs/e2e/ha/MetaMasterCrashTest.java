package org.ringfs.e2e.ha;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.e2e.cluster.MiniRingFsCluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: SIGKILL the meta group's master while several clients stream creates, writes, renames
 * and appends. A new master is elected (the time is printed); every acknowledged operation is there
 * afterwards and none was carried out twice (a retried create would meet EXISTS, a retried rename
 * NOT_FOUND, a retried append would leave its record twice); the killed member restarts and catches
 * up, and every member's store digest is the same. {@code -Dringfs.ha.rounds} rounds (default 2),
 * each killing whichever member is master then.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class MetaMasterCrashTest {
    static final int ROUNDS = Integer.getInteger("ringfs.ha.rounds", 2);
    static final int CLIENTS = 3;

    MiniRingFsCluster cluster;

    @BeforeAll
    void start() throws Exception {
        long t0 = System.nanoTime();
        cluster = MiniRingFsCluster.builder().metaMembers(3).dataServers(3).blockSize(64 * 1024).processes(true).build();
        System.out.printf("MetaMasterCrashTest: a meta group of 3 and 3 data servers up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void aKilledMasterLosesNoAcknowledgedOperationAndAppliesNoneTwice() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            List<OperationStream> streams = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                streams.add(new OperationStream(cluster.client(), "/r" + round + "-c" + c, 1000L * round + c));
            }
            streams.forEach(OperationStream::start);
            for (OperationStream s : streams) s.awaitAcknowledged(5, Duration.ofSeconds(60));

            int master = cluster.awaitMetaMaster();
            long killedAt = System.nanoTime();
            cluster.crashMetaMember(master);
            int next = cluster.awaitMetaMaster(Duration.ofSeconds(60));
            double failover = (System.nanoTime() - killedAt) / 1e9;
            System.out.printf("MetaMasterCrashTest round %d: killed master meta-%d; meta-%d is master %.2f s later%n",
                    round, master, next, failover);
            assertThat(next).isNotEqualTo(master);

            // The clients go on through the new master, then the killed member comes back and catches up.
            long before = streams.stream().mapToLong(OperationStream::acknowledged).sum();
            for (OperationStream s : streams) s.awaitAcknowledged(s.acknowledged() + 3, Duration.ofSeconds(60));
            cluster.startMetaMember(master);
            for (OperationStream s : streams) s.stop();
            long after = streams.stream().mapToLong(OperationStream::acknowledged).sum();
            System.out.printf("MetaMasterCrashTest round %d: %d operations acknowledged (%d after the kill)%n", round, after,
                    after - before);

            for (OperationStream s : streams) {
                assertThat(s.failures()).as("operations of " + s.root() + " that failed").isEmpty();
                s.verify(cluster.client());
            }
            assertThat(MetaDigests.awaitEqual(cluster, 3, Duration.ofSeconds(60))).hasSize(3);
        }
    }
}
