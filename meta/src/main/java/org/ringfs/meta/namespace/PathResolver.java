package org.ringfs.meta.namespace;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.CorruptRecordException;
import org.ringfs.meta.store.InodeRecord;
import org.ringfs.meta.store.StoreTxn;

import java.util.List;

/**
 * Walks a path from the root inside one transaction. Symlinks are never followed (the kernel or
 * the front resolves them): a symlink, like a file, as a non-final component is NOT_DIRECTORY.
 */
final class PathResolver {
    private final StoreTxn txn;

    PathResolver(StoreTxn txn) { this.txn = txn; }

    /** The inode the path names. */
    InodeRecord resolve(PathName path) throws RingFsException {
        return walk(path.names(), path);
    }

    /** The directory that holds (or would hold) the path's last name. */
    InodeRecord parentOf(PathName path) throws RingFsException {
        InodeRecord parent = walk(path.parentNames(), path);
        if (!parent.isDirectory()) throw notDirectory(path);
        return parent;
    }

    /** The inode {@code dir} names {@code name}, or null. */
    InodeRecord child(InodeRecord dir, String name) {
        long id = txn.entries().lookup(dir.id(), name);
        return id == 0 ? null : inode(id);
    }

    InodeRecord inode(long id) {
        InodeRecord r = txn.inodes().get(id);
        if (r == null) throw new CorruptRecordException("directory entry to missing inode " + id);
        return r;
    }

    private InodeRecord walk(List<String> names, PathName path) throws RingFsException {
        InodeRecord at = inode(InodeRecord.ROOT_ID);
        for (String name : names) {
            if (!at.isDirectory()) throw notDirectory(path);
            at = child(at, name);
            if (at == null) throw RingFsException.notFound(path.toString());
        }
        return at;
    }

    private static RingFsException notDirectory(PathName path) {
        return new RingFsException(ErrorCode.NOT_DIRECTORY, path + ": a component of the path is not a directory");
    }
}
