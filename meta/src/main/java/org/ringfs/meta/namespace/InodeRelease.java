package org.ringfs.meta.namespace;

import org.ringfs.api.FileType;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.FreedRecord;
import org.ringfs.meta.store.InodeRecord;
import org.ringfs.meta.store.StoreTxn;

/** What happens to an inode when one of its names goes: one link fewer, or the end of the inode. */
final class InodeRelease {
    private InodeRelease() {}

    /**
     * Drops one link of a non-directory. With the last link the inode, its block rows, its
     * under-replicated entries and its xattrs go, and a freed record orders its copies deleted; but an
     * inode a writer session holds open becomes an orphan (nlink 0) and is freed at its last release.
     */
    static FreedBlocks dropLink(StoreTxn txn, InodeRecord inode, long now) {
        if (inode.nlink() > 1) {
            txn.inodes().put(inode.withNlink(inode.nlink() - 1, now));
            return FreedBlocks.NONE;
        }
        if (txn.holds().isHeld(inode.id())) {
            // Open somewhere: it lives on, nameless, until its last hold goes (POSIX open-unlinked files).
            txn.inodes().put(inode.withNlink(0, now));
            return FreedBlocks.NONE;
        }
        return free(txn, inode);
    }

    /** The end of an inode: its rows, entries of its blocks, xattrs and record go, and a freed record orders its copies deleted. */
    static FreedBlocks free(StoreTxn txn, InodeRecord inode) {
        long blockCount = txn.blocks().deleteFrom(inode.id(), 0).end();
        txn.underReplicated().deleteFrom(inode.id(), 0);
        txn.xattrs().deleteAll(inode.id());
        txn.inodes().delete(inode.id());
        if (inode.type() == FileType.FILE) {
            // Inode ids never repeat: every copy of every generation of this inode is dead from now on.
            txn.freed().add(FreedRecord.wholeInode(txn.cluster().nextFreedSequence(), inode.id()), false);
        }
        return new FreedBlocks(inode.id(), 0, blockCount);
    }

    /** Removes an empty directory's inode (its entry is the caller's). */
    static void removeDirectory(StoreTxn txn, InodeRecord dir) {
        txn.xattrs().deleteAll(dir.id());
        txn.inodes().delete(dir.id());
    }
}
