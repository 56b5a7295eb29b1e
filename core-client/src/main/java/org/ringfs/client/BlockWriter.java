package org.ringfs.client;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.RingFsException;
import org.ringfs.checksum.BlockChecksum;
import org.ringfs.checksum.ChunkChecksums;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Stores a new generation of one block on its three targets under the write policy and returns the
 * {@link BlockWrite} to commit, which names the ring epoch the targets came from. Nothing is visible to readers until meta commits it.
 */
final class BlockWriter {
    private final ClusterView view;
    private final GenerationLeases leases;
    private final ExecutorService calls;
    private final ClientSettings settings;

    BlockWriter(ClusterView view, GenerationLeases leases, ExecutorService calls, ClientSettings settings) {
        this.view = view;
        this.leases = leases;
        this.calls = calls;
        this.settings = settings;
    }

    /**
     * Stores {@code bytes[0, length)} as block {@code index} of {@code inode}, replacing generation
     * {@code baseGeneration} (0: the block did not exist). ALL waits for three acks, QUORUM for two;
     * TIMED_OUT when the write wait runs out first.
     */
    StoredWrite write(long inode, long index, byte[] bytes, int length, long baseGeneration) throws RingFsException {
        BlockKey key = new BlockKey(inode, index, leases.nextAbove(baseGeneration));
        int[] chunkCrcs = ChunkChecksums.compute(bytes, 0, length, BlockProtocol.DEFAULT_CHUNK_SIZE);
        int crc = BlockChecksum.DEFAULT.of(bytes, 0, length);
        ClusterView.WriteTargets placed = view.writeTargets(inode, index);
        ReplicaPuts puts = new ReplicaPuts(view, key, bytes, length, chunkCrcs, placed.targets(),
                Deadline.after(settings.writeWait()));
        puts.start(calls);
        List<String> acked = puts.await(settings.writePolicy().acksNeeded());
        return new StoredWrite(new BlockWrite(new BlockInfo(index, key.generation(), length, crc, placed.epoch()),
                baseGeneration, acked),
                puts.allEnded());
    }
}
