package org.ringfs.data.rebuild;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.FileBlock;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.placement.Placement;
import org.ringfs.repair.CopyVerdict;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, without doing anything, what this server must fetch and may delete: a merge-join of
 * meta's committed blocks and the local copies, both in (inode, index) order. Pure: the same
 * inputs always give the same actions. What may be deleted is {@link CopyVerdict}'s rule, on
 * meta's positive records only; nothing is deleted for being unknown to meta or old.
 *
 * <ul>
 * <li>A block placement gives this server, not held at meta's generation with meta's length and
 *     CRC32C: fetch it.</li>
 * <li>A copy the verdict says may go (superseded, wrong bytes, or a dead session's uncommitted
 *     generation): delete it.</li>
 * <li>A pending copy (its writer's session lives) or one meta never handed out: keep it.</li>
 * <li>A current copy placement no longer gives this server: delete it once meta has recorded the
 *     block as moved to the current ring ({@link CopyVerdict#MOVED}) and every current target
 *     holds a verified copy; until meta has, keep it ({@link CopyVerdict#MISPLACED}).</li>
 * </ul>
 */
final class ReconcileDecider {
    /** Where decisions go; may block (bounded concurrency) and fail. */
    @FunctionalInterface
    interface ActionSink {
        void accept(ReconcileAction action) throws RingFsException;
    }

    private final Placement placement;
    private final ClusterMap map;
    private final String self;
    private final LiveGenerations live;

    /**
     * @param placement placement over {@code map}'s ring
     * @param map       the cluster map: whether a block has moved to its ring is judged against it
     * @param live      meta's live generations, read before the first page of committed blocks
     */
    ReconcileDecider(Placement placement, ClusterMap map, String self, LiveGenerations live) {
        this.placement = placement;
        this.map = map;
        this.self = self;
        this.live = live;
    }

    void decide(SortedSource<FileBlock> meta, SortedSource<StoredBlock> local, ActionSink out)
            throws RingFsException {
        while (true) {
            FileBlock m = meta.peek();
            StoredBlock l = local.peek();
            if (m == null && l == null) return;
            int order = m == null ? 1 : l == null ? -1 : compare(m.inode(), m.block().index(), l.key().inode(), l.key().index());
            List<StoredBlock> copies = order >= 0 ? takeGroup(local) : List.of();
            if (order <= 0) {
                meta.advance();
                decideBlock(m, copies, out);
            } else {
                for (StoredBlock c : copies) judge(c, null, out);
            }
        }
    }

    /** A convenience for lists already in order. */
    List<ReconcileAction> decide(List<FileBlock> meta, List<StoredBlock> local) throws RingFsException {
        List<ReconcileAction> out = new ArrayList<>();
        decide(SortedSource.of(meta), SortedSource.of(local), out::add);
        return out;
    }

    private void decideBlock(FileBlock m, List<StoredBlock> copies, ActionSink out) throws RingFsException {
        boolean ours = placement.holds(self, m.inode(), m.block().index());
        boolean holdGood = false;
        for (StoredBlock c : copies) {
            CopyVerdict verdict = CopyVerdict.of(c, m.block(), live);
            if (verdict != CopyVerdict.CURRENT) {
                // Ours with wrong bytes: the fetch below replaces it in place (same key).
                if (!(ours && verdict == CopyVerdict.WRONG_BYTES)) judge(c, m.block(), out);
            } else if (ours) {
                holdGood = true;
            } else {
                out.accept(new ReconcileAction.Misplaced(c, m, placement.targets(m.inode(), m.block().index()),
                        CopyVerdict.ofNonTarget(m.block(), map)));
            }
        }
        if (ours && !holdGood) out.accept(new ReconcileAction.Fetch(m, sources(m)));
    }

    /** A copy that is not the current one: deleted if meta's records say it is dead, else kept (and counted). */
    private void judge(StoredBlock c, BlockInfo committed, ActionSink out) throws RingFsException {
        CopyVerdict verdict = CopyVerdict.of(c, committed, live);
        if (verdict.mayDelete()) {
            out.accept(new ReconcileAction.Delete(c, verdict + (committed == null ? "" : " (meta has generation "
                    + committed.generation() + ")")));
        } else {
            out.accept(new ReconcileAction.Keep(c, verdict));
        }
    }

    /** The block's other targets in placement order, then every other server of the ring. */
    private List<String> sources(FileBlock m) {
        List<String> out = new ArrayList<>();
        for (String t : placement.targets(m.inode(), m.block().index())) if (!t.equals(self)) out.add(t);
        for (String s : placement.ring()) if (!s.equals(self) && !out.contains(s)) out.add(s);
        return out;
    }

    /** Every local copy (all generations) of the block at the head of {@code local}. */
    private static List<StoredBlock> takeGroup(SortedSource<StoredBlock> local) throws RingFsException {
        StoredBlock first = local.next();
        List<StoredBlock> group = new ArrayList<>(2);
        group.add(first);
        for (StoredBlock n = local.peek(); n != null && n.key().inode() == first.key().inode()
                && n.key().index() == first.key().index(); n = local.peek()) {
            group.add(local.next());
        }
        return group;
    }

    private static int compare(long inodeA, long indexA, long inodeB, long indexB) {
        int c = Long.compare(inodeA, inodeB);
        return c != 0 ? c : Long.compare(indexA, indexB);
    }
}
