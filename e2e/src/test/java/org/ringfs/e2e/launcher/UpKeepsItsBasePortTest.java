package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.cli.local.FreePorts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DIR started on a fixed base port comes back on it: `ringfs up` without --base-port after a
 * `down` puts meta, every data server and the WebDAV front on the ports they had, not on the
 * default 7000 (a mount or script given --meta 127.0.0.1:P keeps working).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class UpKeepsItsBasePortTest {
    private static final int DATA_SERVERS = 3;
    private static final int WEBDAV_OFFSET = 80;

    @TempDir
    Path work;

    @Test
    void aLaterUpWithoutBasePortComesBackOnTheBasePortDirWasStartedWith() throws Exception {
        int p = freeBasePort();
        try (DetachedCluster cluster = DetachedCluster.start(work, p, "--data-servers", Integer.toString(DATA_SERVERS),
                "--block-size", "65536", "--meta-replicas", "1")) {
            assertServesOn(cluster, p);
            cluster.ok("down");

            RingFsProcess.Result again = cluster.ok("up", "--detach");

            assertThat(again.out()).contains("meta at 127.0.0.1:" + p);
            assertServesOn(cluster, p);
        }
    }

    /** Meta on P (in cluster.properties, what every client is given), data-K on P+K, the front on P+80. */
    private static void assertServesOn(DetachedCluster cluster, int p) throws Exception {
        assertThat(cluster.metaAddress()).isEqualTo("127.0.0.1:" + p);
        for (int k = 1; k <= DATA_SERVERS; k++) {
            assertThat(writtenPort(cluster, "data-" + k)).as("data-" + k).isEqualTo(p + k);
        }
        assertThat(writtenPort(cluster, "webdav")).as("the WebDAV front").isEqualTo(p + WEBDAV_OFFSET);
        assertThat(ListeningSockets.ofThisHost()).contains("127.0.0.1:" + p, "127.0.0.1:" + (p + WEBDAV_OFFSET));
    }

    private static int writtenPort(DetachedCluster cluster, String server) throws Exception {
        return Integer.parseInt(Files.readString(cluster.dir.resolve(server).resolve("port"), StandardCharsets.US_ASCII).trim());
    }

    /** A base port P below the ephemeral range with P..P+5 and the front's P+80 free now. */
    private static int freeBasePort() {
        for (int tries = 0; tries < 1000; tries++) {
            int p = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (IntStream.rangeClosed(p, p + 5).allMatch(FreePorts::isFree) && FreePorts.isFree(p + WEBDAV_OFFSET)) return p;
        }
        throw new AssertionError("no free base port between 20000 and 30000");
    }
}
