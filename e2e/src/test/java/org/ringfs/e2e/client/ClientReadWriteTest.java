package org.ringfs.e2e.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ringfs.e2e.client.ClientFiles.random;
import static org.ringfs.e2e.client.ClientFiles.read;
import static org.ringfs.e2e.client.ClientFiles.write;

/** The client against real meta and data servers (in this JVM): bytes in, the same bytes out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClientReadWriteTest {
    static final int BLOCK = 64 * 1024;

    MiniRingFsCluster cluster;
    RingFsClient fs;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(5).blockSize(BLOCK).build();
        fs = cluster.client();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void manyBlocksRoundTripAndLandOnTheirTargets() throws Exception {
        byte[] data = random(40 * BLOCK + 1234, 1);
        write(fs, "/many", data);
        assertThat(fs.stat("/many").size()).isEqualTo(data.length);
        assertThat(read(cluster.client(), "/many")).isEqualTo(data);
        for (long i = 0; i < 41; i += 7) {
            BlockKey k = ClientFiles.key(cluster, fs, "/many", i);
            for (String server : ClientFiles.targets(cluster, fs, "/many", i)) {
                StoredBlock s = cluster.blockService(server).verify(k);
                assertThat(s.length()).isEqualTo(i == 40 ? 1234 : BLOCK);
            }
        }
        try (InputStream in = fs.openInput("/many")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void sparseFilesReadZerosInTheirHoles() throws Exception {
        try (OpenFile f = fs.create("/sparse", 0644, 0, 0, false)) {
            f.write(10L * BLOCK + 5, new byte[] {1, 2, 3}, 0, 3);
        }
        byte[] expected = new byte[10 * BLOCK + 8];
        expected[10 * BLOCK + 5] = 1;
        expected[10 * BLOCK + 6] = 2;
        expected[10 * BLOCK + 7] = 3;
        assertThat(read(fs, "/sparse")).isEqualTo(expected);
        assertThat(cluster.metaService().blocks(fs.stat("/sparse").id(), 0, 100).blocks()).hasSize(1);
    }

    @Test
    void appendOverwriteAndTruncate() throws Exception {
        byte[] model = random(3 * BLOCK + 100, 2);
        write(fs, "/edit", model);
        try (OpenFile f = fs.open("/edit", false)) {
            byte[] tail = random(BLOCK, 3);
            assertThat(f.append(tail, 0, tail.length)).isEqualTo(model.length);
            model = concat(model, tail);
            byte[] middle = random(5000, 4);
            f.write(BLOCK - 2000, middle, 0, middle.length); // straddles blocks 0 and 1
            System.arraycopy(middle, 0, model, BLOCK - 2000, middle.length);
        }
        assertThat(read(fs, "/edit")).isEqualTo(model);

        fs.truncate("/edit", 2 * BLOCK + 17); // down, cutting block 2
        model = Arrays.copyOf(model, 2 * BLOCK + 17);
        assertThat(read(fs, "/edit")).isEqualTo(model);
        fs.truncate("/edit", 5 * BLOCK); // up: the cut tail of block 2 and the rest read as zeros
        model = Arrays.copyOf(model, 5 * BLOCK);
        assertThat(read(fs, "/edit")).isEqualTo(model);

        try (OutputStream out = fs.openOutput("/edit", true, 0, 0)) {
            out.write(new byte[] {9, 9});
        }
        model = concat(model, new byte[] {9, 9});
        assertThat(read(fs, "/edit")).isEqualTo(model);
        try (OpenFile f = fs.open("/edit", true)) {
            assertThat(f.size()).isZero();
        }
        assertThat(fs.stat("/edit").size()).isZero();
    }

    @Test
    void namespaceCallsNormaliseAndFreedBlocksLeaveTheServers() throws Exception {
        fs.mkdir("/tree", 0755, 0, 0);
        fs.mkdir("/tree//sub/", 0755, 0, 0);
        write(fs, "/tree/sub/./f", random(3 * BLOCK, 5));
        write(fs, "/tree/g", random(BLOCK, 6));
        long f = fs.stat("/tree/sub/f").id();
        fs.rename("/tree/g", "/tree/sub/../h");
        assertThat(fs.list("/tree").stream().map(e -> e.name()).toList()).containsExactly("h", "sub");
        assertThatThrownBy(() -> fs.open("/tree", false)).extracting(e -> ((RingFsException) e).code())
                .isEqualTo(ErrorCode.IS_DIRECTORY);
        assertThatThrownBy(() -> fs.stat("/../tree")).extracting(e -> ((RingFsException) e).code())
                .isEqualTo(ErrorCode.INVALID);
        fs.removeTree("/tree");
        assertThatThrownBy(() -> fs.stat("/tree")).extracting(e -> ((RingFsException) e).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        // The data servers carry out meta's freed record within a sweep or two (every 2 s).
        for (String server : cluster.dataServerNames()) {
            MiniRingFsCluster.waitUntil(() -> {
                try {
                    return cluster.blockService(server).list(new BlockKey(f, 0, 1), 10).stream()
                            .noneMatch(s -> s.key().inode() == f);
                } catch (RingFsException e) {
                    throw new IllegalStateException(e);
                }
            }, Duration.ofSeconds(15));
        }
    }

    @Test
    void fsckIsCleanAfterOrdinaryUse() throws Exception {
        write(fs, "/fsck", random(5 * BLOCK, 7));
        fs.truncate("/fsck", BLOCK + 1);
        write(fs, "/fsck", random(2 * BLOCK, 8));
        assertThat(ClientFiles.awaitCleanFsck(fs, Duration.ofSeconds(5)).clean()).isTrue();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
