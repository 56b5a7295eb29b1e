package org.ringfs.fuse.fs;

import org.ringfs.api.InodeAttributes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Attributes by path, kept for the mount's attribute timeout. The kernel is told to cache nothing
 * (attr_timeout=0): libfuse2's high-level API gives each hard link its own kernel inode and offers
 * no way to invalidate them, so a kernel cache would show a stale nlink and ctime on one name after
 * a link, rename or unlink through another. This cache is the mount's own, so every change the
 * mount makes drops what it touched: the inode's entries for attribute and content changes, the
 * removed inode's names for an unlink (its parent takes meta's answer, {@link #nameRemoved}),
 * everything for other namespace changes. Changes made elsewhere show within the timeout: an entry
 * is trusted for the timeout from when meta's answer arrived, and nothing here makes it younger.
 * A create or mkdir through the mount caches meta's answer for the new name, as a stat's
 * ({@link #answered}); a create moves the cached parent's times as meta moved them ({@link #timesMoved}).
 */
final class AttributeCache {
    /** Past this many paths the cache starts over: memory stays bounded. */
    static final int MAX_ENTRIES = 65_536;

    private record Entry(InodeAttributes attributes, long expiresNanos) {}

    /** Drops remembered by what they dropped; past this many the oldest are forgotten. */
    static final int REMEMBERED_DROPS = 4096;

    private final long timeoutNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> byPath = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<String>> pathsOf = new ConcurrentHashMap<>();
    /** Moves with every drop, so attributes read before a change are not put back after it. */
    private final AtomicLong changes = new AtomicLong();
    /**
     * The change that last dropped each path (a String) and inode (a Long): a read begun before it
     * is not cached for that path or inode, while a read of anything else is, so concurrent creates
     * and deletes in one directory do not keep each other's answers out. Guarded by itself, as are
     * {@link #lastClear} and {@link #forgottenDrops} and every insertion.
     */
    private final LinkedHashMap<Object, Long> lastDrop = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Long> eldest) {
            if (size() <= REMEMBERED_DROPS) return false;
            forgottenDrops = Math.max(forgottenDrops, eldest.getValue());
            return true;
        }
    };
    /** The last change that dropped everything. */
    private long lastClear;
    /** The newest drop no longer remembered: a read begun before it is not cached. */
    private long forgottenDrops;

    AttributeCache(double timeoutSeconds) {
        this(timeoutSeconds, System::nanoTime);
    }

    /** As above, on a clock tests move. */
    AttributeCache(double timeoutSeconds, LongSupplier nanoTime) {
        this.timeoutNanos = (long) (timeoutSeconds * 1e9);
        this.nanoTime = nanoTime;
    }

    /** The attributes of {@code path}, if cached and fresh. */
    InodeAttributes get(String path) {
        Entry e = byPath.get(path);
        if (e == null) return null;
        if (nanoTime.getAsLong() - e.expiresNanos >= 0) {
            byPath.remove(path, e);
            return null;
        }
        return e.attributes();
    }

    /** What {@link #put} takes: read it before asking meta. */
    long changes() {
        return changes.get();
    }

    /** Caches what meta said of {@code path}, unless the mount dropped the path or its inode since {@code changesBefore}. */
    void put(String path, InodeAttributes attributes, long changesBefore) {
        if (timeoutNanos <= 0) return;
        if (byPath.size() >= MAX_ENTRIES) clear();
        synchronized (lastDrop) {
            // A change of the path or inode raced the read: what was read may predate it.
            if (droppedSince(path, attributes.id(), changesBefore)) return;
            insert(path, attributes);
        }
    }

    /**
     * Meta answered {@code answer} for {@code path} to a call of this mount that named it (a create,
     * mkdir or open, begun when {@link #changes} said {@code changesBefore}): what the cache held for
     * the path goes (so nothing older than the call stays), and the answer is cached as a stat's,
     * unless the path or its inode was dropped while the call ran.
     */
    void answered(String path, InodeAttributes answer, long changesBefore) {
        synchronized (lastDrop) {
            boolean raced = droppedSince(path, answer.id(), changesBefore);
            dropPath(path);
            if (!raced && timeoutNanos > 0) insert(path, answer);
        }
    }

    /**
     * This mount changed an inode that {@code path} named when the change began (at
     * {@code changesBefore}) and meta answered {@code changed}: drops every cached name of the inode,
     * as {@link #forgetInode}, and caches the answer for {@code path}, unless the path or inode was
     * dropped while the call ran.
     */
    void applied(String path, InodeAttributes changed, long changesBefore) {
        synchronized (lastDrop) {
            boolean raced = droppedSince(path, changed.id(), changesBefore);
            dropInode(changed.id());
            dropPath(path);
            if (!raced && timeoutNanos > 0) insert(path, changed);
        }
    }

    /**
     * This mount committed writes to an inode and meta answered {@code committed}: every cached
     * name of the inode drops, but {@code path} takes the answer when its entry is fresh and names
     * the inode (a commit goes by inode, so it says nothing of names: the entry keeps its age and
     * expires the timeout after the fetch that last saw the name), unless the path or inode was
     * dropped while the call ran.
     */
    void committed(String path, InodeAttributes committed, long changesBefore) {
        synchronized (lastDrop) {
            Entry e = byPath.get(path);
            boolean keep = e != null && e.attributes().id() == committed.id() && nanoTime.getAsLong() - e.expiresNanos < 0
                    && !droppedSince(path, committed.id(), changesBefore);
            dropInode(committed.id());
            dropPath(path);
            if (keep) insert(path, committed, e.expiresNanos);
        }
    }

    /**
     * Meta moved directory {@code dir}'s mtime and ctime to {@code nanos} and nothing else of it (a
     * name this mount created in it; a mkdir also moves its nlink and drops it instead). A cached
     * entry takes the times, never moving them back (a later change may be cached already), and keeps
     * its age: it still expires the timeout after its own fetch. A stat of it in flight is not cached.
     */
    void timesMoved(String dir, long nanos) {
        synchronized (lastDrop) {
            remember(dir);
            byPath.computeIfPresent(dir, (p, e) -> {
                InodeAttributes a = e.attributes();
                if (!a.isDirectory()) return null;
                return new Entry(new InodeAttributes(a.id(), a.type(), a.mode(), a.uid(), a.gid(), a.size(), a.nlink(),
                        a.atimeNanos(), Math.max(a.mtimeNanos(), nanos), Math.max(a.ctimeNanos(), nanos), a.rdev()),
                        e.expiresNanos());
            });
        }
    }

    /** Drops {@code path}: another client may have removed or replaced it. */
    void forgetPath(String path) {
        synchronized (lastDrop) {
            dropPath(path);
        }
    }

    /** Drops every name of {@code inode}: its attributes changed. */
    void forgetInode(long inode) {
        synchronized (lastDrop) {
            dropInode(inode);
        }
    }

    /** The inode {@code path} named when last fetched, fresh or not (empty: the cache does not know). */
    OptionalLong inodeNamed(String path) {
        Entry e = byPath.get(path);
        return e == null ? OptionalLong.empty() : OptionalLong.of(e.attributes().id());
    }

    /**
     * This mount removed the file name {@code path} (an unlink, begun when {@link #changes} said
     * {@code changesBefore}), which named {@code inode} (as {@link #inodeNamed} said before the call):
     * the inode lost a link and moved its ctime, and {@code parent}'s times moved. Drops every cached
     * name of the inode and keeps the rest, so a run of deletes does not send every lookup of the
     * directories above back to meta; the parent takes what meta answered of it ({@code parentAfter},
     * null when the call failed), as a stat's, unless the parent was dropped while the call ran.
     * Where the inode is unknown, so are its other names: everything goes, as for a rename.
     */
    void nameRemoved(String path, String parent, OptionalLong inode, InodeAttributes parentAfter, long changesBefore) {
        if (inode.isEmpty()) {
            clear();
            return;
        }
        synchronized (lastDrop) {
            boolean raced = parentAfter == null || droppedSince(parent, parentAfter.id(), changesBefore);
            dropInode(inode.getAsLong());
            dropPath(path);
            dropPath(parent);
            if (!raced && timeoutNanos > 0) insert(parent, parentAfter);
        }
    }

    /** Drops everything: names were added, removed or moved (a directory rename moves every path below it). */
    void clear() {
        synchronized (lastDrop) {
            lastClear = changes.incrementAndGet();
            byPath.clear();
            pathsOf.clear();
        }
    }

    /** Records a drop of {@code pathOrInode} as the newest change (kept in order: the oldest is forgotten first). */
    private void remember(Object pathOrInode) {
        lastDrop.remove(pathOrInode);
        lastDrop.put(pathOrInode, changes.incrementAndGet());
    }

    private boolean droppedSince(String path, long inode, long changesBefore) {
        return lastClear > changesBefore || forgottenDrops > changesBefore
                || lastDrop.getOrDefault(path, 0L) > changesBefore || lastDrop.getOrDefault(inode, 0L) > changesBefore;
    }

    private void insert(String path, InodeAttributes attributes) {
        insert(path, attributes, nanoTime.getAsLong() + timeoutNanos);
    }

    private void insert(String path, InodeAttributes attributes, long expiresNanos) {
        pathsOf.computeIfAbsent(attributes.id(), id -> ConcurrentHashMap.newKeySet()).add(path);
        byPath.put(path, new Entry(attributes, expiresNanos));
    }

    private void dropPath(String path) {
        remember(path);
        byPath.remove(path);
    }

    private void dropInode(long inode) {
        remember(inode);
        Set<String> paths = pathsOf.remove(inode);
        if (paths != null) for (String p : paths) byPath.remove(p);
    }
}
