package org.ringfs.data.service;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockData;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockService;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.data.server.DataServer;
import org.ringfs.data.store.BlockStore;
import org.ringfs.data.store.DeleteGate;
import org.ringfs.data.store.StoreOpener;
import org.ringfs.data.store.StoreSettings;
import org.ringfs.data.store.TestBlocks;
import org.ringfs.transport.BlockClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The block service in process and over HTTP are one contract: what one side stores, the other reads alike. */
class TestLocalBlockService {
    @TempDir
    static Path dir;
    static DataServer server;
    static BlockService wire;

    @BeforeAll
    static void start() throws Exception {
        server = DataServer.builder().name("d1").dir(dir.resolve("d1")).scrubInterval(Duration.ZERO).start();
        wire = new BlockClient(BlockClient.connections(Duration.ofSeconds(5)), server.address(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aCopyStoredOnEitherSideReadsTheSameOnBoth() throws Exception {
        TestBlocks a = TestBlocks.random(1, 200_000, 65_536);
        TestBlocks b = TestBlocks.random(2, 70_000, 4096);
        BlockKey overHttp = new BlockKey(1, 0, 1);
        BlockKey inProcess = new BlockKey(1, 1, 1);
        wire.put(overHttp, a.bytes(), a.length(), a.chunkSize(), a.crcs());
        server.service().put(inProcess, b.bytes(), b.length(), b.chunkSize(), b.crcs());
        for (BlockKey k : new BlockKey[] {overHttp, inProcess}) {
            assertSame(server.service().get(k), wire.get(k));
            assertSame(server.service().read(k, 5000, 100), wire.read(k, 5000, 100));
            assertThat(wire.verify(k)).isEqualTo(server.service().verify(k));
        }
        assertThat(wire.list(null, 10)).isEqualTo(server.service().list(null, 10)).hasSize(2);
        assertThat(wire.status().vitals().blocks()).isEqualTo(server.service().status().vitals().blocks()).isEqualTo(2);
    }

    @Test
    void eitherSideRefusesAlike() throws Exception {
        BlockKey absent = new BlockKey(9, 0, 1);
        assertThat(code(() -> wire.get(absent))).isEqualTo(code(() -> server.service().get(absent)))
                .isEqualTo(ErrorCode.BLOCK_NOT_FOUND);
        TestBlocks c = TestBlocks.random(3, 1000, 512);
        BlockKey k = new BlockKey(9, 1, 1);
        server.service().put(k, c.bytes(), c.length(), c.chunkSize(), c.crcs());
        assertThat(code(() -> wire.corrupt(k, 1))).isEqualTo(code(() -> server.service().corrupt(k, 1)))
                .isEqualTo(ErrorCode.FAULT_INJECTION_DISABLED);
        int[] wrong = c.crcs().clone();
        wrong[0] ^= 1;
        assertThat(code(() -> wire.put(k, c.bytes(), c.length(), c.chunkSize(), wrong)))
                .isEqualTo(code(() -> server.service().put(k, c.bytes(), c.length(), c.chunkSize(), wrong)))
                .isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
    }

    @Test
    void aDeleteAsksTheGateFirst() throws Exception {
        try (BlockStore store = StoreOpener.open(dir.resolve("gated"), StoreSettings.DEFAULTS, System::currentTimeMillis).store()) {
            LocalBlockService service = new LocalBlockService(store, () -> null, "gated", false,
                    () -> { throw new RingFsException(ErrorCode.WRONG_CLUSTER, "meta is of another cluster"); });
            TestBlocks c = TestBlocks.random(4, 1000, 512);
            BlockKey k = new BlockKey(4, 0, 1);
            service.put(k, c.bytes(), c.length(), c.chunkSize(), c.crcs());
            assertThat(code(() -> service.delete(k))).isEqualTo(ErrorCode.WRONG_CLUSTER);
            assertThat(service.get(k).bytes()).isEqualTo(c.bytes());
        }
    }

    @Test
    void aDeleteOrderAsksTheGateWithItsTerm() throws Exception {
        try (BlockStore store = StoreOpener.open(dir.resolve("terms"), StoreSettings.DEFAULTS, System::currentTimeMillis).store()) {
            DeleteGate newestTermFive = new DeleteGate() {
                @Override
                public void check() { }

                @Override
                public void checkOrder(long term) throws RingFsException {
                    if (term < 5) throw new RingFsException(ErrorCode.NOT_MASTER, "an order of term " + term + " < 5");
                }
            };
            LocalBlockService service = new LocalBlockService(store, () -> null, "terms", false, newestTermFive);
            TestBlocks c = TestBlocks.random(5, 1000, 512);
            BlockKey k = new BlockKey(5, 0, 1);
            service.put(k, c.bytes(), c.length(), c.chunkSize(), c.crcs());

            assertThat(code(() -> service.delete(k, 4))).isEqualTo(ErrorCode.NOT_MASTER);
            assertThat(service.get(k).bytes()).isEqualTo(c.bytes());
            service.delete(k, 5);
            assertThat(code(() -> service.get(k))).isEqualTo(ErrorCode.BLOCK_NOT_FOUND);
        }
    }

    private static void assertSame(BlockData local, BlockData remote) {
        assertThat(remote.length()).isEqualTo(local.length());
        assertThat(Arrays.copyOf(remote.bytes(), remote.length())).isEqualTo(Arrays.copyOf(local.bytes(), local.length()));
        assertThat(remote.offset()).isEqualTo(local.offset());
        assertThat(remote.blockLength()).isEqualTo(local.blockLength());
        assertThat(remote.chunkCrcs()).isEqualTo(local.chunkCrcs());
    }

    private interface Call {
        void run() throws Exception;
    }

    private static ErrorCode code(Call call) {
        return catchThrowableOfType(RingFsException.class, call::run).code();
    }
}
