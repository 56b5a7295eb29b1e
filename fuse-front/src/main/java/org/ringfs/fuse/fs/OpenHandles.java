package org.ringfs.fuse.fs;

import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file handles (fh) this mount gave the kernel, and the open files behind them: one per inode,
 * shared by all of the inode's handles and closed by the release of the last.
 */
final class OpenHandles {
    private final AtomicLong lastHandle = new AtomicLong();
    private final ConcurrentHashMap<Long, FileHandle> byHandle = new ConcurrentHashMap<>();
    /** The open file of each inode with handles; guarded by this. */
    private final Map<Long, SharedFile> byInode = new HashMap<>();
    /** The handles by the path libfuse knows them by (see {@link FileHandle#path()}); guarded by this. */
    private final Map<String, java.util.TreeSet<Long>> byPath = new HashMap<>();

    /**
     * A handle on the inode {@code fresh} opened: the inode's open file on this mount if it has one
     * ({@code fresh} is then closed unused), else {@code fresh} itself.
     */
    long add(OpenFile fresh, OpenFlags flags, boolean privilegesCleared) throws RingFsException {
        return add(fresh, flags, privilegesCleared, null);
    }

    /** As above, for a file libfuse knows by {@code path}. */
    long add(OpenFile fresh, OpenFlags flags, boolean privilegesCleared, String path) throws RingFsException {
        SharedFile shared;
        boolean unused;
        synchronized (this) {
            shared = byInode.get(fresh.inode());
            unused = shared != null;
            if (shared == null) {
                shared = new SharedFile(fresh);
                byInode.put(fresh.inode(), shared);
            }
            shared.references++;
        }
        // Nothing was written through it: closing it flushes nothing.
        if (unused) fresh.close();
        long fh = lastHandle.incrementAndGet();
        synchronized (this) { // with the path index, as one for a rename meanwhile
            byHandle.put(fh, new FileHandle(shared, flags, privilegesCleared, path));
            index(fh, path);
        }
        return fh;
    }

    /**
     * One more handle on {@code inode}'s open file on this mount (an open of a file that has only a
     * libfuse hidden name, so no name at meta to open it by); empty when no handle holds it.
     */
    Optional<Long> addToOpen(long inode, OpenFlags flags, boolean privilegesCleared, String path) {
        SharedFile shared;
        synchronized (this) {
            shared = byInode.get(inode);
            if (shared == null) return Optional.empty();
            shared.references++;
        }
        long fh = lastHandle.incrementAndGet();
        synchronized (this) { // with the path index, as one for a rename meanwhile
            byHandle.put(fh, new FileHandle(shared, flags, privilegesCleared, path));
            index(fh, path);
        }
        return Optional.of(fh);
    }

    FileHandle get(long fh) {
        FileHandle h = byHandle.get(fh);
        if (h == null) throw new UnknownHandleException(fh);
        return h;
    }

    /**
     * Forgets {@code fh}; the release of the inode's last handle flushes and closes its open file.
     * The flush runs outside the table's lock; an open of the inode meanwhile keeps the file open.
     */
    void release(long fh) throws RingFsException {
        FileHandle h = byHandle.remove(fh);
        if (h == null) throw new UnknownHandleException(fh);
        SharedFile shared = h.shared();
        synchronized (this) {
            unindex(fh, h.path());
            if (--shared.references > 0) return;
        }
        try {
            shared.file().flush();
        } finally {
            boolean last;
            synchronized (this) {
                last = shared.references == 0 && byInode.get(shared.inode()) == shared;
                if (last) byInode.remove(shared.inode());
            }
            if (last) shared.file().close();
        }
    }

    /** The open file of {@code inode} on this mount, if a handle holds it. */
    synchronized Optional<SharedFile> of(long inode) {
        return Optional.ofNullable(byInode.get(inode));
    }

    /**
     * The open file of the latest handle libfuse knows by {@code path}: what the path named on this
     * mount when it was opened (or renamed here to), whatever meta's name says now.
     */
    synchronized Optional<SharedFile> openAt(String path) {
        java.util.TreeSet<Long> fhs = path == null ? null : byPath.get(path);
        if (fhs == null) return Optional.empty();
        FileHandle h = byHandle.get(fhs.last());
        return h == null ? Optional.empty() : Optional.of(h.shared());
    }

    /**
     * This mount renamed {@code from} to {@code to}, as libfuse does its node: the handles known by
     * {@code from}, or by a path below it (a directory's), are known by the new path.
     */
    synchronized void renamed(String from, String to) {
        String below = from + "/";
        for (String p : byPath.keySet().toArray(String[]::new)) {
            String moved = p.equals(from) ? to : p.startsWith(below) ? to + p.substring(from.length()) : null;
            if (moved == null) continue;
            for (Long fh : byPath.remove(p)) {
                FileHandle h = byHandle.get(fh);
                if (h == null) continue;
                h.movedTo(moved);
                byPath.computeIfAbsent(moved, k -> new java.util.TreeSet<>()).add(fh);
            }
        }
    }

    /** Guarded by this. */
    private void index(long fh, String path) {
        if (path != null) byPath.computeIfAbsent(path, k -> new java.util.TreeSet<>()).add(fh);
    }

    /** Guarded by this. */
    private void unindex(long fh, String path) {
        if (path == null) return;
        java.util.TreeSet<Long> fhs = byPath.get(path);
        if (fhs != null && fhs.remove(fh) && fhs.isEmpty()) byPath.remove(path);
    }

    /** The size this mount's writers of {@code inode} see, if any wrote: ahead of meta's. */
    OptionalLong writtenSize(long inode) throws RingFsException {
        Optional<SharedFile> shared = of(inode);
        if (shared.isEmpty() || !shared.get().written()) return OptionalLong.empty();
        return OptionalLong.of(shared.get().file().size());
    }

    /** Every open file of the mount, for a sync of them all. */
    synchronized List<SharedFile> all() {
        return new ArrayList<>(byInode.values());
    }

    /** Every open file, removed from the table (the mount is going away). */
    synchronized List<SharedFile> removeAll() {
        List<SharedFile> all = new ArrayList<>(byInode.values());
        byInode.clear();
        byHandle.clear();
        byPath.clear();
        return all;
    }
}
