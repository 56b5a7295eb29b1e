package org.ringfs.data.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.data.store.TestBlocks;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.transport.BlockClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A data server against a real meta: it records meta's cluster id and refuses a meta started on another store. */
class TestClusterIdentity {
    @TempDir
    Path dir;

    MetaServer meta(Path store, int port) throws RingFsException {
        return MetaServer.builder().dir(store).port(port).initialRing(List.of("d0")).start();
    }

    DataServer data(String metaAddress) throws RingFsException {
        return DataServer.builder().name("d0").dir(dir.resolve("d0")).meta(metaAddress)
                .heartbeatInterval(Duration.ofMillis(100)).scrubInterval(Duration.ZERO).start();
    }

    static BlockClient client(DataServer s) {
        return new BlockClient(BlockClient.connections(Duration.ofSeconds(5)), s.address(), Duration.ofSeconds(10));
    }

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("condition not met in 10 s");
            Thread.sleep(20);
        }
    }

    static boolean mayDelete(DataServer s) {
        try {
            s.authority().checkMayDelete();
            return true;
        } catch (RingFsException e) {
            return false;
        }
    }

    /** A key of an inode and generation meta gave out: anything else would make meta's store look older. */
    static BlockKey allocatedKey(MetaServer m) throws RingFsException {
        long inode = m.service().create("/f" + System.nanoTime(), 0644, 0, 0, true).id();
        return new BlockKey(inode, 0, m.service().allocateGenerations(m.service().openSession("test"), 1));
    }

    @Test
    void aMetaOnAnotherStoreIsRefusedAndTheRightOneIsObeyedAgain() throws Exception {
        MetaServer first = meta(dir.resolve("meta"), 0);
        int port = first.port();
        String ours = first.service().clusterMap().clusterId();
        TestBlocks b = TestBlocks.random(1, 1000, 512);
        BlockKey key = allocatedKey(first);
        try (DataServer d0 = data(first.address())) {
            waitUntil(() -> mayDelete(d0));
            assertThat(Files.readString(dir.resolve("d0").resolve(MetaAuthority.FILE)).trim()).isEqualTo(ours);
            client(d0).put(key, b.bytes(), b.length(), b.chunkSize(), b.crcs());

            first.close();
            MetaServer blank = meta(dir.resolve("blank-meta"), port);
            try {
                waitUntil(() -> !d0.authority().refusal().isEmpty());
                assertThat(client(d0).status().clusterRefusal()).contains(ours, "deletes nothing");
                assertThatThrownBy(() -> client(d0).delete(key)).isInstanceOfSatisfying(RingFsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_CLUSTER));
                // An order naming a meta term (what fsck --repair sends) is refused the same way.
                assertThatThrownBy(() -> client(d0).delete(key, 0)).isInstanceOfSatisfying(RingFsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_CLUSTER));
                assertThat(blank.service().clusterMap().names()).containsExactly("d0");
                assertThat(blank.service().clusterMap().server("d0").alive()).isFalse();
            } finally {
                blank.close();
            }
            assertThat(client(d0).verify(key).length()).isEqualTo(1000);

            try (MetaServer again = meta(dir.resolve("meta"), port)) {
                waitUntil(() -> d0.authority().refusal().isEmpty() && mayDelete(d0));
                assertThat(client(d0).status().clusterRefusal()).isEmpty();
                client(d0).delete(key);
                assertThat(client(d0).list(null, 10)).isEmpty();
            }
        }
    }

    @Test
    void withoutMetasGrantNoDeleteRequestIsServed() throws Exception {
        MetaServer m = meta(dir.resolve("meta"), 0);
        int port = m.port();
        try (DataServer d0 = data(m.address())) {
            waitUntil(() -> mayDelete(d0));
            TestBlocks b = TestBlocks.random(2, 1000, 512);
            BlockKey key = allocatedKey(m);
            client(d0).put(key, b.bytes(), b.length(), b.chunkSize(), b.crcs());
            m.close();
            waitUntil(() -> !mayDelete(d0)); // meta is down: nobody grants anything
            assertThatThrownBy(() -> client(d0).delete(key)).isInstanceOfSatisfying(
                    RingFsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThatThrownBy(() -> client(d0).delete(key, 0)).isInstanceOfSatisfying(
                    RingFsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThat(client(d0).verify(key).length()).isEqualTo(1000);
            m = meta(dir.resolve("meta"), port);
            waitUntil(() -> mayDelete(d0));
            client(d0).delete(key);
        } finally {
            m.close();
        }
    }
}
