package org.ringfs.client;

import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.InodeAttributes;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The client's attribute cache: what meta last said of a path, answered by {@code stat} for at
 * most {@code ttl}. The bound is strict: an entry's age is counted from the moment the meta call
 * that fetched it was sent, so an answer from the cache is never older than {@code ttl} than some
 * state meta held. A listing fills it with every entry's attributes.
 *
 * <p>This client's own changes are seen at once: every mutation drops what it may have changed
 * before it returns (the path, its parent, for a rename both names and both subtrees, and every
 * path cached for an inode whose attributes moved: writes, truncates, links, unlinks and setattr
 * change each of an inode's names). A fetch that was in flight while something it answers for was
 * dropped is not cached (every drop is logged with a counter; a fetch remembers the counter it
 * began at), so a reply from before a change cannot come back after it.
 * Other clients' changes are seen after at most {@code ttl}. Nothing negative (NOT_FOUND) is
 * cached. {@code ttl} zero turns it off. Thread-safe; bounded (it is emptied when full).
 */
public final class AttributeCache {
    /** The default for the CLI and the bench: see docs/ARCHITECTURE.md, "Attribute cache". */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);
    static final int MAX_ENTRIES = 100_000;

    /** Drops remembered for fetches in flight; a fetch older than the log caches nothing. */
    static final int LOG_SIZE = 4096;

    private record Cached(InodeAttributes attributes, long fetchedAtNanos) {}

    private enum Kind { PATH, TREE, INODE, MULTI_LINKED, ALL }

    /** One drop: a fetch in flight across it must not cache what it covers. */
    private record Dropped(long number, Kind kind, String path, long inode) {
        boolean covers(String p, InodeAttributes a) {
            return switch (kind) {
                case PATH -> p.equals(path);
                case TREE -> p.equals(path) || p.startsWith(path + "/");
                case INODE -> a.id() == inode;
                case MULTI_LINKED -> !a.isDirectory() && a.nlink() > 1;
                case ALL -> true;
            };
        }
    }

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final int maxEntries;
    private final NavigableMap<String, Cached> byPath = new TreeMap<>();
    private final Map<Long, Set<String>> pathsOfInode = new HashMap<>();
    /** Cached inodes that are not directories and have more than one name. */
    private final Set<Long> multiLinked = new HashSet<>();
    private final ArrayDeque<Dropped> log = new ArrayDeque<>();
    /** The number of the last drop. */
    private long drops;

    public AttributeCache(Duration ttl) {
        this(ttl, System::nanoTime, MAX_ENTRIES);
    }

    AttributeCache(Duration ttl, LongSupplier nanoTime, int maxEntries) {
        if (ttl.isNegative()) throw new IllegalArgumentException("negative attribute cache time " + ttl);
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
        this.maxEntries = maxEntries;
    }

    public boolean enabled() { return ttlNanos > 0; }

    public Duration ttl() { return Duration.ofNanos(ttlNanos); }

    /** A token to take before asking meta, for {@link #put}: the moment and the last drop. */
    public synchronized Fetch beginFetch() {
        return new Fetch(nanoTime.getAsLong(), drops);
    }

    /** When a fetch began. */
    public record Fetch(long startedNanos, long dropsSeen) {}

    /** The cached attributes of a (normalised) path younger than the ttl, or null. */
    public synchronized InodeAttributes get(String path) {
        if (!enabled()) return null;
        Cached c = byPath.get(path);
        if (c == null) return null;
        if (nanoTime.getAsLong() - c.fetchedAtNanos >= ttlNanos) {
            remove(path);
            return null;
        }
        return c.attributes;
    }

    /** Caches what a stat begun at {@code fetch} answered, unless it was dropped since. */
    public synchronized void put(Fetch fetch, String path, InodeAttributes attributes) {
        if (enabled() && !droppedSince(fetch, drops, path, attributes)) store(fetch, path, attributes);
    }

    /** Caches a listing of directory {@code dir} begun at {@code fetch}: each entry not dropped since. */
    public synchronized void putListing(Fetch fetch, String dir, List<DirectoryEntry> entries) {
        if (!enabled()) return;
        for (DirectoryEntry e : entries) put(fetch, PathNames.child(dir, e.name()), e.attributes());
    }

    /**
     * Drops a path and every other cached name of its inode. When the path is not cached, its
     * inode is unknown: every cached inode with several names is dropped (any may be it).
     */
    public synchronized void pathChanged(String path) {
        drop(Kind.PATH, path, 0);
        Cached c = byPath.get(path);
        if (c != null) {
            inodeChanged(c.attributes.id());
        } else {
            drop(Kind.MULTI_LINKED, null, 0);
            for (long inode : List.copyOf(multiLinked)) removeInode(inode);
        }
        remove(path);
    }

    /** A name was added to or removed from its directory: drops it, the inode it named, and its parent. */
    public synchronized void nameChanged(String path) {
        pathChanged(path);
        String parent = PathNames.parent(path);
        if (parent != null) {
            drop(Kind.PATH, parent, 0);
            remove(parent);
        }
    }

    /** A rename, or a removal of a tree: drops the name, everything cached below it, and its parent. */
    public synchronized void treeChanged(String path) {
        if (path.equals("/")) {
            clear();
            return;
        }
        nameChanged(path);
        drop(Kind.TREE, path, 0);
        // every path below starts with path + "/", and '0' is the character after '/'
        for (String p : List.copyOf(byPath.subMap(path + "/", true, path + "0", false).keySet())) remove(p);
    }

    /**
     * This client's own mutation begun at {@code fetch} added or changed {@code path} and meta
     * answered {@code attributes}: drops what {@link #nameChanged} drops, then caches the answer,
     * unless it was dropped by something else while the call ran.
     */
    public synchronized void nameApplied(Fetch fetch, String path, InodeAttributes attributes) {
        long before = drops;
        nameChanged(path);
        if (enabled() && !droppedSince(fetch, before, path, attributes)) store(fetch, path, attributes);
    }

    /**
     * This client's own change of an inode's contents or attributes (a commit, a setattr) begun at
     * {@code fetch}, answered {@code attributes}: every cached name of it takes the answer, unless
     * it was dropped by something else while the call ran (then they are only dropped).
     */
    public synchronized void inodeApplied(Fetch fetch, InodeAttributes attributes) {
        long before = drops;
        Set<String> paths = pathsOfInode.get(attributes.id());
        List<String> names = paths == null ? List.of() : List.copyOf(paths);
        inodeChanged(attributes.id());
        if (!enabled()) return;
        for (String p : names) if (!droppedSince(fetch, before, p, attributes)) store(fetch, p, attributes);
    }

    /** Every cached name of an inode (its size, times, link count or mode moved). */
    public synchronized void inodeChanged(long inode) {
        drop(Kind.INODE, null, inode);
        removeInode(inode);
    }

    public synchronized void clear() {
        drop(Kind.ALL, null, 0);
        byPath.clear();
        pathsOfInode.clear();
        multiLinked.clear();
    }

    synchronized int size() { return byPath.size(); }

    private void drop(Kind kind, String path, long inode) {
        log.addLast(new Dropped(++drops, kind, path, inode));
        if (log.size() > LOG_SIZE) log.removeFirst();
    }

    /** Whether a drop numbered after the fetch began and at most {@code upTo} covers the path or its inode. */
    private boolean droppedSince(Fetch fetch, long upTo, String path, InodeAttributes attributes) {
        if (upTo == fetch.dropsSeen) return false;
        if (log.isEmpty() || log.peekFirst().number() > fetch.dropsSeen + 1) return true; // forgotten: assume so
        for (Iterator<Dropped> it = log.descendingIterator(); it.hasNext(); ) {
            Dropped d = it.next();
            if (d.number() <= fetch.dropsSeen) break;
            if (d.number() <= upTo && d.covers(path, attributes)) return true;
        }
        return false;
    }

    private void store(Fetch fetch, String path, InodeAttributes attributes) {
        if (byPath.size() >= maxEntries && !byPath.containsKey(path)) {
            byPath.clear();
            pathsOfInode.clear();
            multiLinked.clear();
        }
        Cached old = byPath.put(path, new Cached(attributes, fetch.startedNanos));
        if (old != null) unindex(path, old.attributes.id());
        pathsOfInode.computeIfAbsent(attributes.id(), k -> new HashSet<>()).add(path);
        if (!attributes.isDirectory() && attributes.nlink() > 1) multiLinked.add(attributes.id());
    }

    private void removeInode(long inode) {
        Set<String> paths = pathsOfInode.get(inode);
        if (paths != null) for (String p : List.copyOf(paths)) remove(p);
    }

    private void remove(String path) {
        Cached c = byPath.remove(path);
        if (c != null) unindex(path, c.attributes.id());
    }

    private void unindex(String path, long inode) {
        Set<String> paths = pathsOfInode.get(inode);
        if (paths == null) return;
        paths.remove(path);
        if (paths.isEmpty()) {
            pathsOfInode.remove(inode);
            multiLinked.remove(inode);
        }
    }
}
