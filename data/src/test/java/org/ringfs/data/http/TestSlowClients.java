package org.ringfs.data.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.data.server.DataServer;
import org.ringfs.data.store.TestBlocks;
import org.ringfs.transport.BlockClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow-loris: connections that open and go silent, or send half a request and stall, are closed
 * by the server's idle timeout (short here), and while they hang the server keeps serving others.
 */
@Timeout(60)
class TestSlowClients {
    static final Duration IDLE = Duration.ofMillis(800);
    /** How much later than the idle timeout the close may come (scheduling on a busy machine). */
    static final Duration SLACK = Duration.ofSeconds(5);

    @TempDir static Path dir;
    static DataServer server;
    static BlockClient client;

    @BeforeAll
    static void start() throws Exception {
        server = DataServer.builder().name("d1").dir(dir.resolve("d1")).scrubInterval(Duration.ZERO)
                .idleTimeout(IDLE).maxThreads(8).start();
        client = new BlockClient(BlockClient.connections(Duration.ofSeconds(5)), server.address(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Sends {@code prefix}, then stays silent; returns how long until the server closed the connection. */
    static Duration closedAfter(Socket s, String prefix) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(prefix.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long start = System.nanoTime();
        s.setSoTimeout((int) (IDLE.plus(SLACK).toMillis()));
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // an error reply (400/408) may come first; the close is what counts
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a silent connection open past " + IDLE.plus(SLACK), e);
        } catch (IOException reset) {
            // a reset is a close too
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aSilentConnectionIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            assertThat(closedAfter(s, "")).isLessThan(IDLE.plus(SLACK));
        }
    }

    @Test
    void halfARequestLineOrHeadersAreClosed() throws Exception {
        for (String prefix : List.of("GET /sta", "GET /status HTTP/1.1\r\nHost: x\r\nX-Slow: ")) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                assertThat(closedAfter(s, prefix)).as(prefix).isLessThan(IDLE.plus(SLACK));
            }
        }
    }

    @Test
    void aBodyThatStallsIsClosedAndNothingIsStored() throws Exception {
        TestBlocks b = TestBlocks.random(7, 1000, 512);
        BlockKey k = new BlockKey(77, 0, 1);
        String head = "PUT " + BlockProtocol.BLOCKS + "/" + k.path() + " HTTP/1.1\r\nHost: x\r\n"
                + BlockProtocol.CHUNK_SIZE + ": 512\r\n" + BlockProtocol.CHUNK_CRCS + ": " + BlockProtocol.crcList(b.crcs())
                + "\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(100);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            assertThat(closedAfter(s, head)).isLessThan(IDLE.plus(SLACK));
        }
        assertThat(client.list(null, 100)).noneMatch(stored -> stored.key().equals(k));
    }

    @Test
    void theServerKeepsServingWhileManyConnectionsHang() throws Exception {
        List<Socket> hanging = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) { // four times the server's threads
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write("PUT /blocks/1/0/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 9999\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                hanging.add(s);
            }
            TestBlocks b = TestBlocks.random(8, 70_000, BlockProtocol.DEFAULT_CHUNK_SIZE);
            BlockKey k = new BlockKey(88, 0, 1);
            client.put(k, b.bytes(), b.length(), b.chunkSize(), b.crcs());
            assertThat(client.get(k).bytes()).isEqualTo(b.bytes());
        } finally {
            for (Socket s : hanging) s.close();
        }
    }
}
