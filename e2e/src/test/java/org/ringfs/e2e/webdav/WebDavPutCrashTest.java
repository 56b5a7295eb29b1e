package org.ringfs.e2e.webdav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.client.RingFsClient;
import org.ringfs.client.WritePolicy;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.webdav.auth.UsersFile;
import org.ringfs.webdav.lock.InMemoryLockStore;
import org.ringfs.webdav.server.FrontSettings;
import org.ringfs.webdav.server.WebDavFront;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data server SIGKILLed in the middle of a PUT: the client is told it failed, and the drive
 * still shows the file as it was before, never a part of the new one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WebDavPutCrashTest {
    static final int BLOCK = 64 * 1024;

    Path dir;

    MiniRingFsCluster cluster;
    WebDavFront front;
    DavClient dav;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(5).blockSize(BLOCK).processes(true).build();
        dir = cluster.root();
        Path users = dir.resolve("webdav.users");
        // ALL with a short wait: a write whose target is down fails instead of waiting for it.
        RingFsClient fs = cluster.client(s -> s.withWritePolicy(WritePolicy.ALL).withWriteWait(Duration.ofSeconds(3)));
        UsersFile.put(users, "tester", "a long password".toCharArray());
        front = WebDavFront.start(fs, new InMemoryLockStore(), new FrontSettings(
                new InetSocketAddress("127.0.0.1", 0), users, false, true, null, null));
        dav = new DavClient(front.url(), "tester", "a long password");
    }

    @AfterAll
    void stop() throws Exception {
        if (front != null) front.close();
        if (cluster != null) cluster.close();
    }

    @Test
    void aPutCutByACrashLeavesTheOldBytes() throws Exception {
        byte[] before = bytes(4 * BLOCK + 3, 1);
        assertThat(dav.put("/crash.bin", before)).isEqualTo(201);
        byte[] after = bytes(48 * BLOCK, 2);
        String victim = cluster.dataServerNames().get(0);

        int status = dav.putChunked("/crash.bin", () -> new CrashingBody(after, 16 * BLOCK, () -> cluster.crash(victim)));
        cluster.start(victim);

        byte[] seen = dav.get("/crash.bin").body();
        if (status / 100 == 2) {
            assertThat(DavClient.sha256(seen)).as("a PUT that succeeded stored every byte").isEqualTo(DavClient.sha256(after));
        } else {
            assertThat(status).isGreaterThanOrEqualTo(500);
            assertThat(DavClient.sha256(seen)).as("a PUT that failed left the old file").isEqualTo(DavClient.sha256(before));
        }
        assertThat(dav.propfind("/", "1").body()).as("no upload in flight is visible").doesNotContain(".ringfs-upload-");
    }

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A request body that runs {@code crash} once {@code crashAt} bytes have been sent. */
    static final class CrashingBody extends InputStream {
        private final byte[] data;
        private final int crashAt;
        private final Runnable crash;
        private int position;
        private boolean crashed;

        CrashingBody(byte[] data, int crashAt, Runnable crash) {
            this.data = data;
            this.crashAt = crashAt;
            this.crash = crash;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (!crashed && position >= crashAt) {
                crashed = true;
                crash.run();
            }
            if (position >= data.length) return -1;
            int n = Math.min(len, data.length - position);
            if (!crashed) n = Math.min(n, crashAt - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }
}
