package org.ringfs.meta.rpc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.transport.MetaClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A mutating call whose reply is lost is retried under the same name and answered with its first
 * reply: an exclusive create that succeeded is not answered EXISTS, a rename is not answered
 * NOT_FOUND. A proxy in front of a real meta drops the first reply after meta has carried the call out.
 */
@Timeout(60)
class RetriedCallsTest {
    @TempDir Path dir;
    MetaServer meta;
    ServerSocket proxy;

    @AfterEach
    void close() throws IOException {
        if (proxy != null) proxy.close();
        if (meta != null) meta.close();
    }

    @Test
    void aCreateAndARenameWhoseRepliesWereLostGetTheirFirstRepliesOnRetry() throws Exception {
        meta = MetaServer.builder().dir(dir.resolve("meta")).start();
        AtomicInteger dropped = startProxy(2); // the first two connections lose their replies
        MetaClient client = MetaClient.connect("127.0.0.1:" + proxy.getLocalPort(), Duration.ofSeconds(5), null, null)
                .retryingFor(Duration.ofSeconds(10));

        InodeAttributes created = client.create("/once", 0644, 0, 0, true);
        assertThat(created.size()).isZero();
        client.rename("/once", "/moved");
        assertThat(dropped.get()).isEqualTo(2);
        assertThat(meta.service().list("/")).extracting(e -> e.name()).containsExactly("moved");
        assertThat(meta.service().stat("/moved").id()).isEqualTo(created.id());

        // A new call with the same arguments is a new call: it runs, and fails as it should.
        assertThatThrownBy(() -> client.create("/moved", 0644, 0, 0, true)).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.EXISTS));
    }

    @Test
    void withoutRetriesTheLostReplyIsUnavailableNotASecondExecution() throws Exception {
        meta = MetaServer.builder().dir(dir.resolve("meta")).start();
        startProxy(1);
        MetaClient client = MetaClient.connect("127.0.0.1:" + proxy.getLocalPort(), Duration.ofSeconds(5), null, null);
        assertThatThrownBy(() -> client.mkdir("/d", 0755, 0, 0)).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(meta.service().stat("/d").isDirectory()).isTrue(); // it did run, once
    }

    /** A TCP proxy to meta, one connection at a time: the first {@code drops} connections get no reply. */
    private AtomicInteger startProxy(int drops) throws IOException {
        proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger dropped = new AtomicInteger();
        Thread t = new Thread(() -> {
            while (!proxy.isClosed()) {
                try (Socket in = proxy.accept(); Socket out = new Socket("127.0.0.1", meta.port())) {
                    boolean drop = dropped.get() < drops;
                    Thread up = pump(in.getInputStream(), out.getOutputStream());
                    if (drop) {
                        // Let meta read and carry out the whole call, then cut the client off without a word.
                        InputStream reply = out.getInputStream();
                        if (reply.read() >= 0) dropped.incrementAndGet();
                        continue;
                    }
                    pump(out.getInputStream(), in.getOutputStream()).join();
                    up.join(100);
                } catch (IOException | InterruptedException e) {
                    // closed at the end of the test
                }
            }
        }, "lossy-proxy");
        t.setDaemon(true);
        t.start();
        return dropped;
    }

    private static Thread pump(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = from.read(buf)) >= 0; ) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // one side closed
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
