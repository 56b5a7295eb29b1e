package org.ringfs.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When a block call is asked again: after a connection that ended without a reply (a pooled one
 * the server closed), once; after a timeout, never. A scripted socket server plays the data server.
 */
@Timeout(30)
class BlockClientRetryTest {
    private final List<Socket> held = new ArrayList<>();
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        for (Socket s : held) s.close();
        if (server != null) server.close();
    }

    @Test
    void aConnectionClosedWithoutAReplyIsRetriedOnceOnAnother() throws Exception {
        AtomicInteger connections = serve(n -> n == 1 ? Reply.CLOSE : Reply.CREATED);
        client(Duration.ofSeconds(5)).put(new BlockKey(1, 0, 1), new byte[1000], 1000, 65536, new int[] {0});
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void aServerThatClosesEveryConnectionIsUnavailableAfterTwoTries() throws Exception {
        AtomicInteger connections = serve(n -> Reply.CLOSE);
        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).put(new BlockKey(1, 0, 1), new byte[10], 10, 65536, new int[] {0}))
                .isInstanceOfSatisfying(RingFsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void aTimeoutIsNotAskedAgain() throws Exception {
        AtomicInteger connections = serve(n -> Reply.NOTHING);
        assertThatThrownBy(() -> client(Duration.ofMillis(500)).put(new BlockKey(1, 0, 1), new byte[10], 10, 65536, new int[] {0}))
                .isInstanceOfSatisfying(RingFsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aBlockReplyCutShortIsUnavailableNotShortBytes() throws Exception {
        serve(n -> Reply.SHORT_BLOCK);
        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).get(new BlockKey(1, 0, 1)))
                .isInstanceOfSatisfying(RingFsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    private enum Reply { CLOSE, CREATED, NOTHING, SHORT_BLOCK }

    private interface Script {
        Reply forConnection(int n);
    }

    private BlockClient client(Duration timeout) {
        return new BlockClient(BlockClient.connections(Duration.ofSeconds(2)), "127.0.0.1:" + server.getLocalPort(), timeout);
    }

    /** Accepts connections on loopback; reads each request's head and answers as the script says. */
    private AtomicInteger serve(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger connections = new AtomicInteger();
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    held.add(s);
                    Reply reply = script.forConnection(connections.incrementAndGet());
                    readHead(s.getInputStream());
                    if (reply == Reply.CLOSE) s.close();
                    if (reply == Reply.SHORT_BLOCK) { // promises 100000 bytes, sends 1000, closes
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nX-RingFS-Offset: 0\r\n"
                                + "X-RingFS-Block-Length: 100000\r\nX-RingFS-Chunk-Size: 65536\r\nX-RingFS-Chunk-CRC32C: 0,0\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().write(new byte[1000]);
                        s.close();
                    }
                    if (reply == Reply.CREATED) {
                        s.getOutputStream().write("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    return; // the server socket closed at the end of the test
                }
            }
        }, "scripted-data-server");
        t.setDaemon(true);
        t.start();
        return connections;
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return;
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
