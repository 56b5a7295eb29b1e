package org.ringfs.client;

import org.ringfs.api.BlockData;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockService;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.repair.CopyCheck;
import org.ringfs.repair.ReadRepair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one committed block: first from the servers the ring epoch the block records placed it on,
 * then from its current primary, replica 1 and replica 2 (the same servers once the block has
 * moved, or when its epoch is unknown), verifying every copy against its chunk checksums and meta's
 * triple. When a current target's copy passed on the way was bad, the current targets after the
 * good one are checked on their servers too, and every bad copy is rewritten from the good one
 * before the read returns (current targets only: filling a new target is the mover's work). When
 * none of them gives a good copy it asks the other members of the ring (the ring is small), and a
 * copy found there is written to the targets that lacked it. While no copy is reachable it waits,
 * up to a deadline.
 */
final class BlockReader {
    private static final Logger log = LoggerFactory.getLogger(BlockReader.class);

    private final ClusterView view;
    private final ReadRepair readRepair;
    private final ReadStats stats;

    BlockReader(ClusterView view, ReadRepair readRepair, ReadStats stats) {
        this.view = view;
        this.readRepair = readRepair;
        this.stats = stats;
    }

    /**
     * The whole block. CORRUPT when every copy was reachable and bad; TIMED_OUT when copies stayed
     * unreachable for {@code wait} (zero: one pass only).
     */
    VerifiedBlock readBlock(long inode, BlockInfo info, Duration wait) throws RingFsException {
        BlockData copy = fetch(inode, info, new CopyRequest() {
            @Override
            public BlockData fetch(BlockService server, BlockKey key) throws RingFsException {
                return server.get(key);
            }

            @Override
            public void check(BlockData copy) throws RingFsException {
                CopyCheck.whole(copy, info);
            }
        }, wait);
        return new VerifiedBlock(info, copy.bytes());
    }

    /** Whole chunks of the block covering {@code [offset, offset + length)}, checked chunk by chunk. */
    BlockData readRange(long inode, BlockInfo info, int offset, int length, Duration wait) throws RingFsException {
        return fetch(inode, info, new CopyRequest() {
            @Override
            public BlockData fetch(BlockService server, BlockKey key) throws RingFsException {
                return server.read(key, offset, length);
            }

            @Override
            public void check(BlockData copy) throws RingFsException {
                CopyCheck.range(copy, info, offset, length);
            }

            @Override
            public boolean whole() { return false; }
        }, wait);
    }

    /** What a read asks of each copy it tries. */
    private interface CopyRequest {
        BlockData fetch(BlockService server, BlockKey key) throws RingFsException;

        void check(BlockData copy) throws RingFsException;

        default boolean whole() { return true; }
    }

    private BlockData fetch(long inode, BlockInfo info, CopyRequest request, Duration wait) throws RingFsException {
        BlockKey key = info.key(inode);
        Deadline deadline = Deadline.after(wait);
        while (true) {
            List<String> bad = new ArrayList<>();
            List<String> unreachable = new ArrayList<>();
            RingFsException last = null;
            ClusterView.ReadPlan plan = view.readPlan(inode, info.index(), info.epoch());
            List<String> targets = plan.first();
            for (int i = 0; i < targets.size(); i++) {
                String target = targets.get(i);
                BlockData copy;
                try {
                    copy = request.fetch(view.service(target), key);
                    stats.fetched(copy.bytes().length);
                    request.check(copy);
                } catch (RingFsException e) {
                    last = e;
                    if (!isBadCopy(e.code())) {
                        unreachable.add(target);
                        view.reportFailure(target);
                    } else if (plan.current().contains(target)) {
                        bad.add(target);
                    } // else: a target of the block's epoch only; the mover, not read repair, keeps those
                    log.debug("copy of {} on {} unusable: {}", key, target, e.toString());
                    continue;
                }
                if (!bad.isEmpty()) {
                    // Where one copy went bad others may have too: check the rest so one read heals them all.
                    List<String> untried = new ArrayList<>(plan.current());
                    untried.removeAll(targets.subList(0, i + 1));
                    bad.addAll(badAmong(key, info, untried));
                    repair(inode, info, target, copy, request.whole(), bad);
                }
                return copy;
            }
            BlockData moved = fromOthers(inode, info, request, key, bad, plan.others());
            if (moved != null) return moved;
            if (unreachable.isEmpty()) {
                throw new RingFsException(ErrorCode.CORRUPT, "block " + key + ": every copy is bad " + bad, last);
            }
            if (deadline.expired()) {
                throw new RingFsException(ErrorCode.TIMED_OUT, "block " + key + ": no copy readable within the read wait"
                        + " (unreachable " + unreachable + ", bad " + bad + ")", last);
            }
            deadline.pause();
        }
    }

    /**
     * A good copy from a member that is neither a current target nor one of the block's epoch, or
     * null. Written to the targets whose copy was bad ({@code bad}) (missing, most likely: not moved
     * yet) before it is returned.
     */
    private BlockData fromOthers(long inode, BlockInfo info, CopyRequest request, BlockKey key, List<String> bad,
                                 List<String> others) throws RingFsException {
        for (String other : others) {
            BlockData copy;
            try {
                copy = request.fetch(view.service(other), key);
                stats.fetched(copy.bytes().length);
                request.check(copy);
            } catch (RingFsException e) {
                // Most members hold no copy: expected, and not a reason to refresh the map.
                log.debug("copy of {} on {} (not a target) unusable: {}", key, other, e.toString());
                continue;
            }
            log.info("block {} read from {}, not one of its targets: the ring changed and its copies have not all moved",
                    key, other);
            if (!bad.isEmpty()) repair(inode, info, other, copy, request.whole(), bad);
            return copy;
        }
        return null;
    }

    /** The servers among {@code servers} whose copy fails the server-side check against meta's triple. */
    private List<String> badAmong(BlockKey key, BlockInfo info, List<String> servers) {
        List<String> bad = new ArrayList<>();
        for (String server : servers) {
            try {
                StoredBlock held = view.service(server).verify(key);
                if (held.length() != info.length() || held.crc32c() != info.crc32c()) bad.add(server);
            } catch (RingFsException e) {
                if (isBadCopy(e.code())) bad.add(server);
                log.debug("copy of {} on {} after the good one: {}", key, server, e.toString());
            }
        }
        return bad;
    }

    /** A copy that is there but wrong: another copy may be right, and this one can be rewritten. */
    private static boolean isBadCopy(ErrorCode code) {
        return code == ErrorCode.CORRUPT || code == ErrorCode.BLOCK_NOT_FOUND || code == ErrorCode.WRONG_GENERATION;
    }

    private void repair(long inode, BlockInfo info, String goodServer, BlockData good, boolean whole, List<String> bad) {
        byte[] bytes = good.bytes();
        if (!whole) {
            // A ranged read holds only some chunks: fetch the whole copy from the server that had them.
            try {
                BlockData all = view.service(goodServer).get(info.key(inode));
                CopyCheck.whole(all, info);
                bytes = all.bytes();
            } catch (RingFsException e) {
                log.warn("read repair of {} skipped: whole copy from {} unusable: {}", info.key(inode), goodServer,
                        e.toString());
                return;
            }
        }
        readRepair.repair(inode, info, bytes, bad);
    }
}
