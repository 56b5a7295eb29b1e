package org.ringfs.data.rebuild;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockService;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlock;
import org.ringfs.api.RingFsException;
import org.ringfs.checksum.BlockChecksum;
import org.ringfs.data.server.DataServer;
import org.ringfs.data.store.BlockStore;
import org.ringfs.data.store.StoreOpener;
import org.ringfs.data.store.StoreSettings;
import org.ringfs.data.store.TestBlocks;
import org.ringfs.transport.BlockClient;
import org.ringfs.transport.BlockConnections;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fetching a block from real peer data servers: a bad, missing or dead peer is skipped, a good copy taken. */
class TestBlockFetcher {
    @TempDir
    Path dir;

    @Test
    void takesTheFirstCopyThatVerifiesAndMatchesMeta() throws Exception {
        TestBlocks b = TestBlocks.random(1, 300_000, 65536);
        BlockKey key = new BlockKey(42, 3, 9);
        FileBlock meta = new FileBlock(42, new BlockInfo(3, 9, b.length(), BlockChecksum.DEFAULT.of(b.bytes(), 0, b.length())));
        BlockConnections connections = BlockClient.connections(Duration.ofSeconds(2));
        try (DataServer empty = server("empty"); DataServer corrupt = server("corrupt"); DataServer good = server("good");
             BlockStore local = StoreOpener.open(dir.resolve("local"), StoreSettings.DEFAULTS, System::currentTimeMillis).store()) {
            Map<String, BlockService> clients = Map.of(
                    "empty", new BlockClient(connections, empty.address(), Duration.ofSeconds(5)),
                    "corrupt", new BlockClient(connections, corrupt.address(), Duration.ofSeconds(5)),
                    "good", new BlockClient(connections, good.address(), Duration.ofSeconds(5)));
            for (String name : List.of("corrupt", "good")) clients.get(name).put(key, b.bytes(), b.length(), b.chunkSize(), b.crcs());
            clients.get("corrupt").corrupt(key, 100_000);
            Peers peers = name -> {
                BlockService s = clients.get(name);
                if (s == null) throw new RingFsException(ErrorCode.UNAVAILABLE, name + " is dead");
                return s;
            };
            BlockFetcher fetcher = new BlockFetcher(local, peers);

            assertThat(fetcher.fetch(meta, List.of("dead", "empty", "corrupt", "good"))).isEqualTo("good");
            assertThat(local.get(key).bytes()).isEqualTo(b.bytes());
            local.verify(key);

            FileBlock otherCrc = new FileBlock(42, new BlockInfo(3, 9, b.length(), meta.block().crc32c() + 1));
            assertThatThrownBy(() -> fetcher.fetch(otherCrc, List.of("good", "dead")))
                    .hasFieldOrPropertyWithValue("code", ErrorCode.UNAVAILABLE)
                    .hasMessageContaining("good: CORRUPT").hasMessageContaining("dead: UNAVAILABLE");
        }
    }

    private DataServer server(String name) throws RingFsException {
        return DataServer.builder().name(name).dir(dir.resolve(name)).allowFaultInjection(true)
                .scrubInterval(Duration.ZERO).start();
    }
}
