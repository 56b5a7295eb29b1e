package org.ringfs.repair;

import org.ringfs.api.BlockScanPage;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlock;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.placement.Placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares meta's committed blocks with what every data server holds. Both sides are walked in key
 * order a page at a time (a merge, so memory stays bounded however big the store): each committed
 * block goes to a {@link BlockCheck} with the copies of it found on every server; copies of blocks
 * meta does not know go to the {@link OrphanCheck}. {@link #repair()} also fixes what it finds.
 * The cluster may be in use meanwhile: what looks wrong is checked against meta again before it is
 * reported (a block changed during the check, a copy written or freed since fsck began).
 */
public final class Fsck {
    static final int SCAN_PAGE = 1000;

    private final MetaService meta;
    private final ServerDirectory servers;

    public Fsck(MetaService meta, ServerDirectory servers) {
        this.meta = meta;
        this.servers = servers;
    }

    /** Reports; changes nothing. */
    public FsckReport check() throws RingFsException {
        return run(false, () -> {});
    }

    /** {@link #check()}, running {@code blockChecked} after each committed block is checked (a progress bar). */
    public FsckReport check(Runnable blockChecked) throws RingFsException {
        return run(false, blockChecked);
    }

    /** Reports what it found, and rewrites bad copies and deletes orphaned and misplaced ones. */
    public FsckReport repair() throws RingFsException {
        return run(true, () -> {});
    }

    /** {@link #repair()}, running {@code blockChecked} after each committed block is checked and repaired. */
    public FsckReport repair(Runnable blockChecked) throws RingFsException {
        return run(true, blockChecked);
    }

    private FsckReport run(boolean repair, Runnable blockChecked) throws RingFsException {
        Placement placement = servers.placement();
        ClusterMap map = servers.map();
        FsckReport.Builder report = new FsckReport.Builder();
        UnreachableServers unreachable = new UnreachableServers(report);
        // Before the committed blocks: a generation dead now can never be committed later (see
        // CopyVerdict), and a copy a freed record orders deleted stays dead.
        FreedCopies freed = FreedCopies.read(meta);
        LiveGenerations live = meta.liveGenerations();
        OrphanCheck orphans = new OrphanCheck(servers, meta, live, freed, report, repair);
        BlockCheck blockCheck = new BlockCheck(servers, meta, map, report, unreachable, orphans, repair, live.term());
        List<ServerListing> listings = new ArrayList<>();
        for (String server : placement.ring()) {
            try {
                listings.add(new ServerListing(server, servers.service(server)));
            } catch (RingFsException e) {
                listings.add(ServerListing.unreachable(server, e));
            }
        }
        long afterInode = 0;
        long afterIndex = 0;
        while (true) {
            BlockScanPage page = meta.scanBlocks(afterInode, afterIndex, SCAN_PAGE);
            if (!page.isFromMasterOf(live.term())) {
                throw new RingFsException(ErrorCode.UNAVAILABLE, "meta's master changed during the check (term "
                        + live.term() + ", then " + page.term() + "): run fsck again");
            }
            for (FileBlock block : page.blocks()) {
                long inode = block.inode();
                long index = block.block().index();
                Map<String, List<StoredBlock>> copies = new HashMap<>();
                for (ServerListing listing : listings) {
                    while (listing.nextIsBefore(inode, index)) orphans.judge(listing.server(), listing.take(), null);
                    List<StoredBlock> held = new ArrayList<>();
                    while (listing.nextIsOf(inode, index)) held.add(listing.take());
                    if (!held.isEmpty()) copies.put(listing.server(), held);
                    if (listing.failure() != null) unreachable.add(listing.server(), listing.failure());
                }
                blockCheck.check(block, placement.targets(inode, index), copies);
                blockChecked.run();
            }
            if (page.done() || page.blocks().isEmpty()) break;
            FileBlock last = page.blocks().get(page.blocks().size() - 1);
            afterInode = last.inode();
            afterIndex = last.block().index();
        }
        for (ServerListing listing : listings) {
            for (StoredBlock copy = listing.take(); copy != null; copy = listing.take()) {
                orphans.judge(listing.server(), copy, null);
            }
            if (listing.failure() != null) unreachable.add(listing.server(), listing.failure());
        }
        orphans.finish();
        return report.build();
    }
}
