package org.ringfs.data.rebuild;

import org.ringfs.api.FileBlock;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.placement.Placement;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, without doing anything, what this server must fetch and may delete: a merge-join of
 * meta's committed blocks and the local copies, both in (inode, index) order. Pure: the same
 * inputs always give the same actions.
 *
 * <ul>
 * <li>A block placement gives this server, not held at meta's generation with meta's length and
 *     CRC32C: fetch it.</li>
 * <li>A copy older than meta's generation of its block: delete it now (meta only commits growing
 *     generations, so it can never become current).</li>
 * <li>Any other copy meta does not reference (no such block, or a newer generation): delete it
 *     once older than the grace period (a writer may not have committed it yet).</li>
 * <li>A current copy placement no longer gives this server: delete it once older than the grace
 *     period and every current target holds a verified copy.</li>
 * </ul>
 */
final class ReconcileDecider {
    /** Where decisions go; may block (bounded concurrency) and fail. */
    @FunctionalInterface
    interface ActionSink {
        void accept(ReconcileAction action) throws RingFsException;
    }

    private final Placement placement;
    private final String self;
    private final long nowMillis;
    private final long graceMillis;

    ReconcileDecider(Placement placement, String self, long nowMillis, long graceMillis) {
        this.placement = placement;
        this.self = self;
        this.nowMillis = nowMillis;
        this.graceMillis = graceMillis;
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
                for (StoredBlock c : copies) deleteWhenOld(c, "meta has no block " + c.key().inode() + "/" + c.key().index(), out);
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
            if (c.key().generation() < m.block().generation()) {
                // Meta only commits growing generations, so no writer can still commit this one.
                out.accept(new ReconcileAction.Delete(c, "generation " + c.key().generation()
                        + " superseded by " + m.block().generation()));
            } else if (c.key().generation() > m.block().generation()) {
                deleteWhenOld(c, "generation " + c.key().generation() + " not committed (meta has "
                        + m.block().generation() + ")", out);
            } else if (!matches(c, m)) {
                // The committed generation with other bytes: useless. Ours is replaced by the fetch below.
                if (!ours) deleteWhenOld(c, "differs from meta's length or CRC32C", out);
            } else if (ours) {
                holdGood = true;
            } else if (isOld(c)) {
                out.accept(new ReconcileAction.DeleteIfReplicated(c, m, placement.targets(m.inode(), m.block().index())));
            }
        }
        if (ours && !holdGood) out.accept(new ReconcileAction.Fetch(m, sources(m)));
    }

    /** The block's other targets in placement order, then every other server of the ring. */
    private List<String> sources(FileBlock m) {
        List<String> out = new ArrayList<>();
        for (String t : placement.targets(m.inode(), m.block().index())) if (!t.equals(self)) out.add(t);
        for (String s : placement.ring()) if (!s.equals(self) && !out.contains(s)) out.add(s);
        return out;
    }

    private void deleteWhenOld(StoredBlock c, String reason, ActionSink out) throws RingFsException {
        if (isOld(c)) out.accept(new ReconcileAction.Delete(c, reason));
    }

    private boolean isOld(StoredBlock c) {
        return nowMillis - c.storedAtMillis() > graceMillis;
    }

    static boolean matches(StoredBlock c, FileBlock m) {
        return c.key().equals(m.key()) && c.length() == m.block().length() && c.crc32c() == m.block().crc32c();
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
