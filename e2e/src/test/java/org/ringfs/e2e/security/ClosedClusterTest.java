package org.ringfs.e2e.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.transport.BlockClient;
import org.ringfs.transport.MetaClient;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A cluster with a secret, as {@code ringfs up} runs one: members (clients, data servers calling
 * meta and each other) work end to end; an outsider without the secret is refused by meta and by
 * every data server and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClosedClusterTest {
    static final int BLOCK = 64 * 1024;
    MiniRingFsCluster cluster;
    RingFsClient fs;
    StoredFiles stored;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(4).blockSize(BLOCK).secret(true).build();
        fs = cluster.client();
        stored = new StoredFiles(fs).store("/kept", 5 * BLOCK + 123, 1).store("/small", 10, 2);
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void membersWorkEndToEnd() throws Exception {
        assertThat(cluster.secret()).isNotNull();
        stored.assertIntact();
        // A data server that restarts heartbeats and reconciles with signed calls.
        cluster.stop("data-2");
        cluster.start("data-2");
        MiniRingFsCluster.waitUntil(() -> aliveInMeta("data-2"), Duration.ofSeconds(30));
        stored.assertIntact();
    }

    @Test
    void anOutsiderIsRefusedEverywhereAndChangesNothing() throws Exception {
        RingFsClient outsider = cluster.client(s -> s.withSecret(null));
        assertThat(catchThrowableOfType(RingFsException.class, () -> outsider.unlink("/kept")).code())
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
        MetaClient rawMeta = MetaClient.connect(cluster.metaAddress(), Duration.ofSeconds(5), null, null);
        assertThat(catchThrowableOfType(RingFsException.class, () -> rawMeta.rmdir("/")).code())
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
        long inode = fs.stat("/kept").id();
        BlockInfo first = cluster.metaService().blocks(inode, 0, 1).blocks().get(0);
        for (String name : cluster.dataServerNames()) {
            BlockClient outsiderBlocks = new BlockClient(BlockClient.connections(Duration.ofSeconds(5)),
                    cluster.blockService(name).address(), Duration.ofSeconds(5));
            assertThat(catchThrowableOfType(RingFsException.class, () -> outsiderBlocks.delete(first.key(inode))).code())
                    .isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(catchThrowableOfType(RingFsException.class, () -> outsiderBlocks.get(first.key(inode))).code())
                    .isEqualTo(ErrorCode.UNAUTHENTICATED);
        }
        stored.assertIntact();
    }

    private boolean aliveInMeta(String name) {
        try {
            return cluster.isAliveInMeta(name);
        } catch (RingFsException e) {
            throw new AssertionError("meta refused a member's call", e);
        }
    }
}
