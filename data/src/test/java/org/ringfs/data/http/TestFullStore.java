package org.ringfs.data.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.data.server.DataServer;
import org.ringfs.data.store.StoreSettings;
import org.ringfs.data.store.TestBlocks;
import org.ringfs.transport.BlockClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A data server whose disk is at its reserve: PUT is 507 NO_SPACE, DELETE still 204, status says 0 free. */
class TestFullStore {
    static final long MIB = 1L << 20;
    static final long RESERVE = StoreSettings.DEFAULT_RESERVE_BYTES;

    @TempDir
    static Path dir;
    static final AtomicLong free = new AtomicLong();
    static DataServer server;
    static BlockClient client;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = DataServer.builder().name("d1").dir(dir.resolve("d1")).scrubInterval(Duration.ZERO)
                .freeSpace(free::get).start();
        client = new BlockClient(BlockClient.connections(Duration.ofSeconds(5)), server.address(), Duration.ofSeconds(10));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void roomy() {
        free.set(1L << 40);
    }

    static void put(BlockKey k, TestBlocks b) throws Exception {
        client.put(k, b.bytes(), b.length(), b.chunkSize(), b.crcs());
    }

    @Test
    void aPutThatWouldEatIntoTheReserveIsNoSpace507AndStoresNothing() throws Exception {
        TestBlocks b = TestBlocks.random(1, (int) MIB, BlockProtocol.DEFAULT_CHUNK_SIZE);
        put(new BlockKey(1, 0, 1), b);
        free.set(RESERVE + MIB / 2);

        assertThatThrownBy(() -> put(new BlockKey(1, 1, 1), b)).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SPACE));
        HttpResponse<String> raw = http.send(HttpRequest.newBuilder(URI.create("http://" + server.address() + "/blocks/1/2/1"))
                .header(BlockProtocol.CHUNK_SIZE, Integer.toString(b.chunkSize()))
                .header(BlockProtocol.CHUNK_CRCS, BlockProtocol.crcList(b.crcs()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(b.bytes())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(507);
        assertThat(raw.headers().firstValue(BlockProtocol.ERROR)).hasValue(ErrorCode.NO_SPACE.name());

        assertThatThrownBy(() -> client.get(new BlockKey(1, 1, 1))).hasFieldOrPropertyWithValue("code", ErrorCode.BLOCK_NOT_FOUND);
        assertThat(client.get(new BlockKey(1, 0, 1)).bytes()).isEqualTo(b.bytes());
    }

    @Test
    void deletesStillWorkOnAFullDiskAndWritesResumeWhenThereIsRoom() throws Exception {
        TestBlocks b = TestBlocks.random(2, 4096, 512);
        put(new BlockKey(2, 0, 1), b);
        put(new BlockKey(2, 1, 1), b);
        free.set(0);
        client.delete(new BlockKey(2, 0, 1));
        client.delete(new BlockKey(2, 1, 1));
        assertThat(client.list(null, 100)).noneMatch(s -> s.key().inode() == 2);
        assertThatThrownBy(() -> put(new BlockKey(2, 2, 1), b)).hasFieldOrPropertyWithValue("code", ErrorCode.NO_SPACE);

        free.set(RESERVE + 8 * MIB);
        put(new BlockKey(2, 2, 1), b);
    }

    @Test
    void statusCountsOnlyWhatBlocksMayStillUse() throws Exception {
        free.set(RESERVE + 5 * MIB);
        assertThat(client.status().vitals().freeBytes()).isEqualTo(5 * MIB);
        free.set(RESERVE / 2);
        assertThat(client.status().vitals().freeBytes()).isZero();
    }
}
