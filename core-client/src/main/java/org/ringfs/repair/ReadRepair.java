package org.ringfs.repair;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockPayload;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.checksum.ChunkChecksums;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Rewrites the bad copies a reader passed on its way to a good one, from the good copy's verified
 * bytes. Best effort: a read never fails because its repair did; failures are logged, and fsck and
 * the data servers' reconciliation catch what is left.
 */
public final class ReadRepair {
    private static final Logger log = LoggerFactory.getLogger(ReadRepair.class);

    private final MetaService meta;
    private final ServerDirectory servers;

    public ReadRepair(MetaService meta, ServerDirectory servers) {
        this.meta = meta;
        this.servers = servers;
    }

    /**
     * Stores {@code bytes[0, block.length())} (verified against meta's triple) as block {@code block}
     * of {@code inode} on each of {@code badServers}. Returns how many copies were rewritten.
     */
    public int repair(long inode, BlockInfo block, byte[] bytes, List<String> badServers) {
        if (badServers.isEmpty()) return 0;
        BlockKey key = block.key(inode);
        if (!stillCurrent(inode, block)) {
            // Another writer committed since this reader's block table: its copies are not bad, ours is old.
            log.debug("not repairing {}: no longer the current generation", key);
            return 0;
        }
        int[] chunkCrcs = ChunkChecksums.compute(bytes, 0, block.length(), BlockProtocol.DEFAULT_CHUNK_SIZE);
        BlockPayload payload = new BlockPayload(bytes, block.length(), BlockProtocol.DEFAULT_CHUNK_SIZE, chunkCrcs);
        int repaired = 0;
        for (String server : badServers) {
            try {
                servers.service(server).put(key, payload);
                repaired++;
                log.info("read repair: rewrote copy {} on {}", key, server);
            } catch (RingFsException e) {
                servers.reportFailure(server);
                log.warn("read repair of {} on {} failed: {}", key, server, e.toString());
            }
        }
        return repaired;
    }

    private boolean stillCurrent(long inode, BlockInfo block) {
        try {
            FileBlocks page = meta.blocks(inode, block.index(), 1);
            return !page.blocks().isEmpty() && page.blocks().get(0).index() == block.index()
                    && page.blocks().get(0).generation() == block.generation();
        } catch (RingFsException e) {
            log.warn("read repair of {} skipped: cannot confirm it with meta: {}", block.key(inode), e.toString());
            return false;
        }
    }
}
