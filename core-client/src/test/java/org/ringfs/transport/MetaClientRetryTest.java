package org.ringfs.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A meta call whose connection ends without a reply is not sent again behind the caller's back:
 * meta may have carried it out (a create, a rename), and a second copy would answer EXISTS or
 * NOT_FOUND for a call that succeeded. The caller gets UNAVAILABLE and decides. A scripted socket
 * server reads each request and closes the connection.
 */
@Timeout(30)
class MetaClientRetryTest {
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void aCallWhoseConnectionClosesWithoutAReplyIsSentOnce() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    requests.incrementAndGet();
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[8192];
                    s.setSoTimeout(2000);
                    in.read(buf); // the head and some body; then close without a word
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        });
        t.setDaemon(true);
        t.start();
        MetaClient meta = MetaClient.connect("127.0.0.1:" + server.getLocalPort(), Duration.ofSeconds(5), null, null);
        assertThatThrownBy(() -> meta.mkdir("/once", 0755, 0, 0)).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        Thread.sleep(300);
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aBusyMetaIsUnavailableNotAnInternalFailure() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(2000);
                    s.getInputStream().read(new byte[8192]);
                    s.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        });
        t.setDaemon(true);
        t.start();
        MetaClient meta = MetaClient.connect("127.0.0.1:" + server.getLocalPort(), Duration.ofSeconds(5), null, null);
        assertThatThrownBy(() -> meta.stat("/")).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
}
