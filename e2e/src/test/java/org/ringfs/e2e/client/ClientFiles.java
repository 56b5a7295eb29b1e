package org.ringfs.e2e.client;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFileSystem;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.repair.FsckReport;
import org.ringfs.client.RingFsClient;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers the client integration tests share: random bytes, whole-file writes and reads, block keys. */
public final class ClientFiles {
    private ClientFiles() {}

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void write(RingFileSystem fs, String path, byte[] data) throws RingFsException {
        try (OpenFile f = fs.create(path, 0644, 0, 0, false)) {
            f.truncate(0);
            f.write(0, data, 0, data.length);
        }
    }

    /** Reads the whole file in uneven pieces (so reads straddle blocks) and checks EOF. */
    public static byte[] read(RingFileSystem fs, String path) throws RingFsException {
        try (OpenFile f = fs.open(path, false)) {
            byte[] out = new byte[(int) f.size()];
            int at = 0;
            while (at < out.length) {
                int n = f.read(at, out, at, Math.min(50_000, out.length - at));
                assertThat(n).isPositive();
                at += n;
            }
            assertThat(f.read(out.length, new byte[1], 0, 1)).isEqualTo(-1);
            return out;
        }
    }

    /** Meta's current key of block {@code index} of the file. */
    static BlockKey key(MiniRingFsCluster cluster, RingFileSystem fs, String path, long index) throws RingFsException {
        long inode = fs.stat(path).id();
        FileBlocks page = cluster.metaService().blocks(inode, index, 1);
        BlockInfo b = page.blocks().get(0);
        assertThat(b.index()).isEqualTo(index);
        return b.key(inode);
    }

    /** The data servers that hold block {@code index} of the file, primary first. */
    static List<String> targets(MiniRingFsCluster cluster, RingFileSystem fs, String path, long index) throws RingFsException {
        return cluster.placement().targets(fs.stat(path).id(), index);
    }

    /** Polls fsck until it is clean; returns the last report. */
    static FsckReport awaitCleanFsck(RingFsClient fs, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        FsckReport report = fs.fsck().check();
        while (!report.clean() && System.nanoTime() < end) {
            Thread.sleep(200);
            report = fs.fsck().check();
        }
        return report;
    }
}
