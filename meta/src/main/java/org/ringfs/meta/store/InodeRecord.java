package org.ringfs.meta.store;

import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;

/**
 * An inode as meta stores it: the attributes stat(2) reports plus a symlink's target (null for
 * every other type). Immutable; the {@code with*} methods return changed copies.
 */
public record InodeRecord(long id, FileType type, int mode, int uid, int gid, long size, int nlink,
                          long atimeNanos, long mtimeNanos, long ctimeNanos, int rdev, String symlinkTarget) {

    public static final long ROOT_ID = 1;

    public InodeAttributes attributes() {
        return new InodeAttributes(id, type, mode, uid, gid, size, nlink, atimeNanos, mtimeNanos, ctimeNanos, rdev);
    }

    public boolean isDirectory() { return type == FileType.DIRECTORY; }

    public InodeRecord withNlink(int n, long ctime) {
        return new InodeRecord(id, type, mode, uid, gid, size, n, atimeNanos, mtimeNanos, ctime, rdev, symlinkTarget);
    }

    /** An entry of this directory was added, removed or renamed. */
    public InodeRecord touchedDirectory(int nlinkDelta, long now) {
        return new InodeRecord(id, type, mode, uid, gid, size, nlink + nlinkDelta, atimeNanos, now, now, rdev,
                symlinkTarget);
    }

    public InodeRecord withCtime(long ctime) {
        return new InodeRecord(id, type, mode, uid, gid, size, nlink, atimeNanos, mtimeNanos, ctime, rdev, symlinkTarget);
    }

    public InodeRecord withSizeAndTimes(long newSize, long mtime, long ctime) {
        return new InodeRecord(id, type, mode, uid, gid, newSize, nlink, atimeNanos, mtime, ctime, rdev, symlinkTarget);
    }

    public InodeRecord withAttributes(int newMode, int newUid, int newGid, long atime, long mtime, long ctime) {
        return new InodeRecord(id, type, newMode, newUid, newGid, size, nlink, atime, mtime, ctime, rdev, symlinkTarget);
    }
}
