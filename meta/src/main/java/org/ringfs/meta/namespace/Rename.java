package org.ringfs.meta.namespace;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.InodeRecord;
import org.ringfs.meta.store.StoreTxn;

/**
 * rename(2) inside one transaction: O(1), it rewrites one entry whatever the size of the subtree.
 * A target is replaced when POSIX allows it (file by file, empty directory by directory); renaming
 * a name onto itself or onto another name of the same inode does nothing.
 */
final class Rename {
    private final StoreTxn txn;
    private final long now;

    Rename(StoreTxn txn, long now) {
        this.txn = txn;
        this.now = now;
    }

    /** Returns the blocks of a replaced file when this took its last name. */
    FreedBlocks apply(PathName from, PathName to) throws RingFsException {
        if (from.isRoot() || to.isRoot()) throw new RingFsException(ErrorCode.NOT_PERMITTED, "the root cannot be renamed or replaced");
        to.checkNewName();
        PathResolver resolver = new PathResolver(txn);
        InodeRecord fromParent = resolver.parentOf(from);
        InodeRecord moved = resolver.child(fromParent, from.name());
        if (moved == null) throw RingFsException.notFound(from.toString());
        // Paths name directories uniquely (no hard links to directories, no symlinks followed), so
        // a directory's subtree is exactly the paths below its own.
        if (moved.isDirectory() && to.isStrictlyUnder(from)) {
            throw new RingFsException(ErrorCode.INVALID, "cannot move " + from + " into its own subtree " + to);
        }
        InodeRecord toParent = resolver.parentOf(to);
        InodeRecord replaced = resolver.child(toParent, to.name());
        if (replaced != null) {
            if (replaced.id() == moved.id()) return FreedBlocks.NONE;
            checkReplaceable(moved, replaced, to);
        }

        txn.entries().delete(fromParent.id(), from.name());
        txn.entries().put(toParent.id(), to.name(), moved.id());

        FreedBlocks freed = FreedBlocks.NONE;
        int fromDelta = 0;
        int toDelta = 0;
        if (replaced != null) {
            if (replaced.isDirectory()) {
                InodeRelease.removeDirectory(txn, replaced);
                toDelta--;
            } else {
                freed = InodeRelease.dropLink(txn, replaced, now);
            }
        }
        if (moved.isDirectory()) { // its ".." now counts in the new parent
            fromDelta--;
            toDelta++;
        }
        if (fromParent.id() == toParent.id()) {
            txn.inodes().put(fromParent.touchedDirectory(fromDelta + toDelta, now));
        } else {
            txn.inodes().put(fromParent.touchedDirectory(fromDelta, now));
            txn.inodes().put(toParent.touchedDirectory(toDelta, now));
        }
        txn.inodes().put(moved.withCtime(now));
        return freed;
    }

    private void checkReplaceable(InodeRecord moved, InodeRecord replaced, PathName to) throws RingFsException {
        if (moved.isDirectory()) {
            if (!replaced.isDirectory()) throw new RingFsException(ErrorCode.NOT_DIRECTORY, to + ": not a directory");
            if (!txn.entries().isEmpty(replaced.id())) throw new RingFsException(ErrorCode.NOT_EMPTY, to + ": directory not empty");
        } else if (replaced.isDirectory()) {
            throw new RingFsException(ErrorCode.IS_DIRECTORY, to + ": is a directory");
        }
    }
}
