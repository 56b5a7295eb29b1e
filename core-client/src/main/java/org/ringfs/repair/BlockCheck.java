package org.ringfs.repair;

import org.ringfs.api.BlockData;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlock;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.checksum.ChunkChecksums;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fsck of one committed block: each of its three targets is verified (good, CORRUPT, STALE or
 * MISSING), the current generation elsewhere is MISPLACED, other generations go to the orphan check.
 * A repairing pass rewrites bad targets from a verified good copy, then deletes the stale copies it
 * replaced and, once all three targets verify good, the misplaced ones that meta has recorded as
 * moved to the current ring ({@link CopyVerdict#MOVED}); the others stay for the mover.
 *
 * <p>Before a fault is reported or repaired, meta's row of the block is read again: when the block
 * changed since the scan read it (its file removed, truncated or rewritten during the check, and
 * the servers already acting on that), what was seen of its copies is no fault, and the block is
 * counted as changed instead.
 */
final class BlockCheck {
    private static final Logger log = LoggerFactory.getLogger(BlockCheck.class);

    private final ServerDirectory servers;
    private final MetaService meta;
    /** The map {@code targets} come from: whether a block has moved to its ring is judged against it. */
    private final ClusterMap map;
    private final FsckReport.Builder report;
    private final UnreachableServers unreachable;
    private final OrphanCheck orphans;
    private final boolean repair;
    /** The term of the meta master whose records this pass reads: its deletes are that master's orders. */
    private final long orderTerm;

    BlockCheck(ServerDirectory servers, MetaService meta, ClusterMap map, FsckReport.Builder report,
               UnreachableServers unreachable, OrphanCheck orphans, boolean repair, long orderTerm) {
        this.orderTerm = orderTerm;
        this.servers = servers;
        this.meta = meta;
        this.map = map;
        this.report = report;
        this.unreachable = unreachable;
        this.orphans = orphans;
        this.repair = repair;
    }

    /** {@code copies}: every copy of the block's (inode, index), any generation, by server. */
    void check(FileBlock block, List<String> targets, Map<String, List<StoredBlock>> copies) {
        BlockInfo info = block.block();
        BlockKey key = block.key();
        report.block();
        List<FsckFinding> found = new ArrayList<>();
        List<String> good = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        List<StoredBlock> replacedOnRewrite = new ArrayList<>();
        List<String> replacedOn = new ArrayList<>();
        for (String target : targets) {
            if (unreachable.contains(target)) continue;
            List<StoredBlock> held = copies.getOrDefault(target, List.of());
            boolean hasCurrent = held.stream().anyMatch(c -> c.key().generation() == info.generation());
            if (hasCurrent) {
                switch (verify(target, key, info, found)) {
                    case GOOD -> good.add(target);
                    case BAD -> bad.add(target);
                    case UNREACHABLE -> { }
                }
                for (StoredBlock c : held) if (c.key().generation() != info.generation()) orphans.judge(target, c, info);
            } else if (held.stream().anyMatch(c -> c.key().generation() < info.generation())) {
                found.add(new FsckFinding(FindingType.STALE, key, target, "holds only generations "
                        + held.stream().map(c -> c.key().generation()).toList()));
                bad.add(target);
                for (StoredBlock c : held) {
                    if (c.key().generation() < info.generation()) {
                        replacedOnRewrite.add(c);
                        replacedOn.add(target);
                    } else {
                        orphans.judge(target, c, info);
                    }
                }
            } else {
                found.add(new FsckFinding(FindingType.MISSING, key, target, ""));
                bad.add(target);
                for (StoredBlock c : held) orphans.judge(target, c, info);
            }
        }
        List<String> misplaced = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, List<StoredBlock>> e : copies.entrySet()) {
            if (targets.contains(e.getKey())) continue;
            for (StoredBlock c : e.getValue()) {
                if (c.key().generation() == info.generation()) {
                    CopyVerdict verdict = CopyVerdict.ofNonTarget(info, map);
                    found.add(new FsckFinding(FindingType.MISPLACED, key, e.getKey(), "targets are " + targets
                            + (verdict == CopyVerdict.MOVED ? "; meta recorded the move" : "; not yet moved (epoch "
                            + info.epoch() + ")")));
                    misplaced.add(e.getKey());
                    if (verdict.mayDelete()) moved.add(e.getKey());
                } else {
                    orphans.judge(e.getKey(), c, info);
                }
            }
        }
        if (!found.isEmpty() && changedSinceScan(block)) {
            report.changed();
            return;
        }
        found.forEach(report::find);
        if (repair && (!bad.isEmpty() || !moved.isEmpty())) {
            repairBlock(info, key, targets, good, bad, misplaced, moved, replacedOnRewrite, replacedOn);
        }
    }

    private enum Verdict { GOOD, BAD, UNREACHABLE }

    /**
     * Whether meta's row of the block is no longer the one the scan read: the file is gone, or the
     * block was cut off or rewritten. False when meta cannot be asked (the findings then stand).
     */
    private boolean changedSinceScan(FileBlock block) {
        long index = block.block().index();
        try {
            List<BlockInfo> now = meta.blocks(block.inode(), index, 1).blocks();
            return now.isEmpty() || now.get(0).index() != index || now.get(0).generation() != block.block().generation();
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.STALE) return true; // the inode no longer exists
            log.info("fsck: could not read meta's row of {} again: {}", block.key(), e.toString());
            return false;
        }
    }

    private Verdict verify(String server, BlockKey key, BlockInfo info, List<FsckFinding> found) {
        try {
            StoredBlock s = servers.service(server).verify(key);
            if (s.length() != info.length() || s.crc32c() != info.crc32c()) {
                found.add(new FsckFinding(FindingType.CORRUPT, key, server, "length " + s.length() + " crc "
                        + BlockProtocol.hex(s.crc32c()) + ", meta says " + info.length() + " " + BlockProtocol.hex(info.crc32c())));
                return Verdict.BAD;
            }
            report.ok();
            return Verdict.GOOD;
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.CORRUPT) {
                found.add(new FsckFinding(FindingType.CORRUPT, key, server, e.getMessage()));
                return Verdict.BAD;
            }
            if (e.code() == ErrorCode.BLOCK_NOT_FOUND || e.code() == ErrorCode.WRONG_GENERATION) {
                found.add(new FsckFinding(FindingType.MISSING, key, server, "gone since it was listed"));
                return Verdict.BAD;
            }
            unreachable.add(server, e);
            return Verdict.UNREACHABLE;
        }
    }

    private void repairBlock(BlockInfo info, BlockKey key, List<String> targets, List<String> good, List<String> bad,
                             List<String> misplaced, List<String> moved, List<StoredBlock> replaced,
                             List<String> replacedOn) {
        List<String> sources = new ArrayList<>(good);
        sources.addAll(misplaced);
        BlockData source = goodCopy(key, info, sources);
        if (source == null) {
            log.warn("fsck: no good copy of {} to repair from (bad on {})", key, bad);
            return;
        }
        int[] chunkCrcs = ChunkChecksums.compute(source.bytes(), 0, info.length(), BlockProtocol.DEFAULT_CHUNK_SIZE);
        for (String target : bad) {
            try {
                servers.service(target).put(key, source.bytes(), info.length(), BlockProtocol.DEFAULT_CHUNK_SIZE, chunkCrcs);
                report.repaired();
                StoredBlock written = servers.service(target).verify(key);
                if (written.length() == info.length() && written.crc32c() == info.crc32c()) good.add(target);
            } catch (RingFsException e) {
                servers.reportFailure(target);
                log.warn("fsck: could not rewrite {} on {}: {}", key, target, e.toString());
            }
        }
        for (int i = 0; i < replaced.size(); i++) {
            if (good.contains(replacedOn.get(i))) delete(replacedOn.get(i), replaced.get(i).key());
        }
        // Only what meta recorded as moved, and even then only while every target holds the block.
        if (good.containsAll(targets)) {
            for (String server : moved) delete(server, key);
        }
    }

    private BlockData goodCopy(BlockKey key, BlockInfo info, List<String> holders) {
        for (String server : holders) {
            try {
                BlockData copy = servers.service(server).get(key);
                CopyCheck.whole(copy, info);
                return copy;
            } catch (RingFsException e) {
                log.info("fsck: copy of {} on {} unusable as a repair source: {}", key, server, e.toString());
            }
        }
        return null;
    }

    private void delete(String server, BlockKey key) {
        try {
            servers.service(server).delete(key, orderTerm); // refused if that master has been deposed
            report.repaired();
        } catch (RingFsException e) {
            servers.reportFailure(server);
            log.warn("fsck: could not delete {} on {}: {}", key, server, e.toString());
        }
    }
}
