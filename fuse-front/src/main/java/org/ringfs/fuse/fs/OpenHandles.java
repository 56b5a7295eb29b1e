package org.ringfs.fuse.fs;

import org.ringfs.api.RingFsException;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The file handles (fh) this mount gave the kernel, and the open files behind them. */
final class OpenHandles {
    private final AtomicLong lastHandle = new AtomicLong();
    private final ConcurrentHashMap<Long, FileHandle> byHandle = new ConcurrentHashMap<>();

    long add(FileHandle handle) {
        long fh = lastHandle.incrementAndGet();
        byHandle.put(fh, handle);
        return fh;
    }

    FileHandle get(long fh) {
        FileHandle h = byHandle.get(fh);
        if (h == null) throw new UnknownHandleException(fh);
        return h;
    }

    FileHandle remove(long fh) {
        FileHandle h = byHandle.remove(fh);
        if (h == null) throw new UnknownHandleException(fh);
        return h;
    }

    /** The handles of {@code inode} that wrote: their unflushed bytes are not in meta's view yet. */
    List<FileHandle> writersOf(long inode) {
        List<FileHandle> writers = new ArrayList<>();
        for (FileHandle h : byHandle.values()) {
            if (h.written() && h.file().inode() == inode) writers.add(h);
        }
        return writers;
    }

    /** The largest size the writers of {@code inode} see, if any wrote. */
    OptionalLong writtenSize(long inode) throws RingFsException {
        OptionalLong size = OptionalLong.empty();
        for (FileHandle h : writersOf(inode)) {
            long s = h.file().size();
            if (size.isEmpty() || s > size.getAsLong()) size = OptionalLong.of(s);
        }
        return size;
    }

    boolean anyWritten() {
        for (FileHandle h : byHandle.values()) {
            if (h.written()) return true;
        }
        return false;
    }

    /** Every handle, removed from the table (the mount is going away). */
    List<FileHandle> removeAll() {
        List<FileHandle> all = new ArrayList<>();
        for (Long fh : byHandle.keySet()) {
            FileHandle h = byHandle.remove(fh);
            if (h != null) all.add(h);
        }
        return all;
    }
}
