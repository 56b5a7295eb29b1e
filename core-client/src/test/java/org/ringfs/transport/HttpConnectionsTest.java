package org.ringfs.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connections a process keeps to meta members and data servers, against a scripted HTTP server
 * on a real socket: what is reused, what is dropped, and which replies are refused.
 */
@Timeout(30)
class HttpConnectionsTest {
    private static final byte[] BODY = "<methodCall/>".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_BODY = 1 << 20;
    private final HttpConnections connections = new HttpConnections(null, Duration.ofSeconds(5));
    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void aKeptAliveConnectionCarriesTheNextCall() throws Exception {
        server = new ScriptedServer(n -> ok("reply " + n), false);
        assertThat(post().body()).asString(StandardCharsets.US_ASCII).isEqualTo("reply 1");
        assertThat(post().body()).asString(StandardCharsets.US_ASCII).isEqualTo("reply 2");
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void aConnectionTheMemberClosedIsDroppedAndTheCallGoesOutOnAFreshOne() throws Exception {
        // The member closes each connection after its reply without saying so (a restart, an idle timeout).
        server = new ScriptedServer(n -> ok("reply " + n), true);
        assertThat(post().status()).isEqualTo(200);
        server.awaitClosed(1);
        assertThat(post().body()).asString(StandardCharsets.US_ASCII).isEqualTo("reply 2");
        assertThat(server.connections.get()).isEqualTo(2);
        assertThat(server.requests.get()).isEqualTo(2);
    }

    @Test
    void aConnectionIdleLongerThanTheLimitIsClosedNotReused() throws Exception {
        // The member would keep it open, but might close it just as a call goes out.
        HttpConnections shortIdle = new HttpConnections(null, Duration.ofSeconds(5), Duration.ofMillis(200));
        server = new ScriptedServer(n -> ok("reply " + n), false);
        assertThat(shortIdle.post(server.uri(), Map.of(), BODY, 5000, MAX_BODY).status()).isEqualTo(200);
        Thread.sleep(400); // outlives the limit
        assertThat(shortIdle.post(server.uri(), Map.of(), BODY, 5000, MAX_BODY).status()).isEqualTo(200);
        assertThat(server.connections.get()).isEqualTo(2);
        server.awaitClosed(1); // the idle one was closed, not left open
    }

    @Test
    void aConnectionIdlePastTheLimitIsClosedThoughNoCallComes() throws Exception {
        HttpConnections shortIdle = new HttpConnections(null, Duration.ofSeconds(5), Duration.ofMillis(200));
        server = new ScriptedServer(n -> ok("reply " + n), false);
        assertThat(shortIdle.post(server.uri(), Map.of(), BODY, 5000, MAX_BODY).status()).isEqualTo(200);
        long start = System.nanoTime();
        server.awaitClosed(1); // by the sweeper alone: no other call is made
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(Duration.ofMillis(200).plus(HttpConnections.SWEEP_EVERY).plusSeconds(2));
    }

    @Test
    void aChunkedReplyIsReadWhole() throws Exception {
        server = new ScriptedServer(n -> ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII), false);
        assertThat(post().body()).asString(StandardCharsets.US_ASCII).isEqualTo("hello, world");
        assertThat(post().body()).asString(StandardCharsets.US_ASCII).isEqualTo("hello, world");
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void anErrorReplyIsReadWithItsHeadersAndItsConnectionKept() throws Exception {
        // A data server answers a missing copy with 404 and its code: common on a read, so not worth a new connection.
        server = new ScriptedServer(n -> n == 1
                ? "HTTP/1.1 404 Not Found\r\nX-RingFS-Error: BLOCK_NOT_FOUND\r\nContent-Length: 4\r\n\r\nnope".getBytes(StandardCharsets.US_ASCII)
                : ok("fine"), false);
        HttpConnections.Reply refused = post();
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.header("x-ringfs-error")).isEqualTo("BLOCK_NOT_FOUND");
        assertThat(refused.header("X-RingFS-Generation")).isEmpty();
        assertThat(post().body()).asString(StandardCharsets.US_ASCII).isEqualTo("fine");
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void anErrorReplyTooLongToReadIsAnsweredAndItsConnectionClosed() throws Exception {
        server = new ScriptedServer(n -> n == 1
                ? ("HTTP/1.1 500 Server Error\r\nContent-Length: " + (HttpConnections.MAX_ERROR_BODY + 1) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)
                : ok("fine"), false);
        assertThat(post().status()).isEqualTo(500);
        assertThat(post().body()).asString(StandardCharsets.US_ASCII).isEqualTo("fine");
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void aNoContentReplyEndsAtItsHeadAndTheConnectionCarriesTheNext() throws Exception {
        // Jetty answers a stored block's PUT or DELETE with 204 and no Content-Length: no body to wait for.
        server = new ScriptedServer(n -> n == 1 ? "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII)
                : ok("after"), false);
        HttpConnections.Reply stored = connections.exchange("DELETE", server.uri(), Map.of(), null, 0, 2000, MAX_BODY);
        assertThat(stored.status()).isEqualTo(204);
        assertThat(stored.body()).isEmpty();
        assertThat(post().body()).asString(StandardCharsets.US_ASCII).isEqualTo("after");
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void aPutSendsThePartOfTheArrayItNames() throws Exception {
        server = new ScriptedServer(n -> "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false);
        byte[] block = "0123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(connections.exchange("PUT", server.uri(), Map.of(), block, 4, 5000, MAX_BODY).status()).isEqualTo(201);
        assertThat(server.lastHead).contains("PUT /xmlrpc HTTP/1.1\r\n").contains("Content-Length: 4\r\n");
        assertThat(server.lastBody).asString(StandardCharsets.US_ASCII).isEqualTo("0123");
    }

    @Test
    void aGetSendsNoLengthAndReadsTheBodyOfTheLengthTheReplyGives() throws Exception {
        server = new ScriptedServer(n -> ok("x".repeat(100_000)), false);
        HttpConnections.Reply r = connections.exchange("GET", URI.create(server.uri() + "?offset=0&length=5"), Map.of(), null, 0,
                5000, MAX_BODY);
        assertThat(r.body()).hasSize(100_000);
        assertThat(server.lastHead).startsWith("GET /xmlrpc?offset=0&length=5 HTTP/1.1\r\n").doesNotContain("Content-Length");
    }

    @Test
    void aReplyAnnouncingMoreThanTheCapIsRefusedUnread() throws Exception {
        server = new ScriptedServer(n -> ("HTTP/1.1 200 OK\r\nContent-Length: " + (MAX_BODY + 1L)
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), false);
        assertThatThrownBy(this::post).isInstanceOf(HttpConnections.ReplyTooLargeException.class)
                .hasMessageContaining("larger than " + MAX_BODY);
    }

    @Test
    void aHeadWithoutEndIsRefused() throws Exception {
        String endless = "HTTP/1.1 200 OK\r\nX-Filler: " + "a".repeat(HttpConnections.MAX_HEAD_BYTES) + "\r\n\r\n";
        server = new ScriptedServer(n -> endless.getBytes(StandardCharsets.US_ASCII), false);
        assertThatThrownBy(this::post).isInstanceOf(IOException.class).hasMessageContaining("reply head over");
    }

    @Test
    void aReplyThatNeverComesTimesOut() throws Exception {
        server = new ScriptedServer(n -> null, false);
        assertThatThrownBy(() -> connections.post(server.uri(), Map.of(), BODY, 300, MAX_BODY))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void anInterruptedCallerFailsItsCallAndTheNextCallGoesOutOnAFreshConnection() throws Exception {
        server = new ScriptedServer(n -> ok("reply " + n), false);
        assertThat(post().status()).isEqualTo(200);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(this::post).isInstanceOf(IOException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(post().status()).isEqualTo(200);
        assertThat(server.connections.get()).isEqualTo(2); // the interrupted call's connection was closed
    }

    @Test
    void aHeaderValueCannotCarryALineBreak() throws Exception {
        server = new ScriptedServer(n -> ok("x"), false);
        assertThatThrownBy(() -> connections.post(server.uri(), Map.of("X-Call", "a\r\nX-Evil: 1"), BODY, 5000, MAX_BODY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests.get()).isZero();
    }

    private HttpConnections.Reply post() throws IOException {
        return connections.post(server.uri(), Map.of("Content-Type", "text/xml"), BODY, 5000, MAX_BODY);
    }

    private static byte[] ok(String body) {
        return ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads each request (head and Content-Length body) and writes what the script says for the n-th; null: no reply. */
    private static final class ScriptedServer implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        volatile String lastHead = "";
        volatile byte[] lastBody = new byte[0];
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        ScriptedServer(IntFunction<byte[]> script, boolean closeAfterReply) throws IOException {
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        connections.incrementAndGet();
                        Thread c = new Thread(() -> serve(s, script, closeAfterReply));
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException e) {
                        return; // closed at the end of the test
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private void serve(Socket s, IntFunction<byte[]> script, boolean closeAfterReply) {
            try (s) {
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) return;
                    lastHead = head;
                    lastBody = in.readNBytes(contentLength(head));
                    byte[] reply = script.apply(requests.incrementAndGet());
                    if (reply == null) {
                        Thread.sleep(10_000);
                        return;
                    }
                    out.write(reply);
                    out.flush();
                    if (closeAfterReply) return;
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            } finally {
                closed.incrementAndGet();
            }
        }

        /** The request's head, or null when the connection ended first. */
        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) break;
            }
            return b == -1 ? null : head.toString();
        }

        private static int contentLength(String head) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) return Integer.parseInt(line.substring(15).trim());
            }
            return 0;
        }

        void awaitClosed(int n) throws InterruptedException {
            while (closed.get() < n) Thread.sleep(5);
            Thread.sleep(50); // the FIN reaches the client's socket
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/xmlrpc");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
