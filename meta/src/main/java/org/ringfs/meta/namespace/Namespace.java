package org.ringfs.meta.namespace;

import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileType;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.NameRemoved;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.api.StorableText;
import org.ringfs.meta.store.CorruptRecordException;
import org.ringfs.meta.store.EntryTable;
import org.ringfs.meta.store.InodeRecord;
import org.ringfs.meta.store.InodeTable;
import org.ringfs.meta.store.MetaStore;
import org.ringfs.meta.store.Nanos;
import org.ringfs.meta.store.StoreTxn;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Names and inodes with POSIX semantics. Each operation checks its path lexically, then resolves
 * and changes the namespace in one store transaction. A directory's nlink is 2 + its
 * subdirectories; adding or removing a name moves its parent's mtime and ctime.
 */
public final class Namespace {
    /** Most names one inode may have (ext4's limit). */
    public static final int LINK_MAX = 65_000;

    private static final int PERMISSION_BITS = 07777;

    private final MetaStore store;
    private final Clock clock;

    public Namespace(MetaStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public InodeAttributes stat(String path) throws RingFsException {
        PathName p = PathName.parse(path);
        return store.read(txn -> new PathResolver(txn).resolve(p).attributes());
    }

    public InodeAttributes inode(long id) throws RingFsException {
        return store.read(txn -> existing(txn, id).attributes());
    }

    /** The inode of an id a client holds: STALE when it is gone. */
    static InodeRecord existing(StoreTxn txn, long id) throws RingFsException {
        InodeRecord r = id > 0 ? txn.inodes().get(id) : null;
        if (r == null) throw new RingFsException(ErrorCode.STALE, "inode " + id + " no longer exists");
        return r;
    }

    public List<DirectoryEntry> list(String path) throws RingFsException {
        PathName p = PathName.parse(path);
        return store.read(txn -> {
            PathResolver resolver = new PathResolver(txn);
            InodeRecord dir = resolver.resolve(p);
            if (!dir.isDirectory()) throw new RingFsException(ErrorCode.NOT_DIRECTORY, p + ": not a directory");
            List<EntryTable.Entry> entries = txn.entries().list(dir.id());
            List<DirectoryEntry> out = new ArrayList<>(entries.size());
            try (InodeTable.Reader inodes = txn.inodes().reader()) {
                for (EntryTable.Entry e : entries) {
                    InodeRecord child = inodes.get(e.child());
                    if (child == null) throw new CorruptRecordException("directory entry to missing inode " + e.child());
                    out.add(new DirectoryEntry(e.name(), child.attributes()));
                }
            }
            return out;
        });
    }

    public InodeAttributes mkdir(String path, int mode, int uid, int gid) throws RingFsException {
        PathName p = PathName.parse(path);
        return store.write(txn -> addInode(txn, p, FileType.DIRECTORY, mode, uid, gid, 0, null));
    }

    /**
     * A regular file. An existing name: EXISTS when exclusive; otherwise the existing file, or
     * IS_DIRECTORY for a directory, or EXISTS for any other kind of inode.
     */
    public InodeAttributes create(String path, int mode, int uid, int gid, boolean exclusive) throws RingFsException {
        PathName p = PathName.parse(path);
        return store.write(txn -> create(txn, p, mode, uid, gid, exclusive));
    }

    /** {@link #create} within {@code txn}: {@link OpenInodes} creates and holds a file in one transaction. */
    InodeAttributes create(StoreTxn txn, PathName p, int mode, int uid, int gid, boolean exclusive) throws RingFsException {
        PathResolver resolver = new PathResolver(txn);
        InodeRecord found = p.isRoot() ? resolver.resolve(p) : resolver.child(resolver.parentOf(p), p.name());
        if (found == null) return addInode(txn, p, FileType.FILE, mode, uid, gid, 0, null);
        if (exclusive) throw exists(p);
        if (found.isDirectory()) throw new RingFsException(ErrorCode.IS_DIRECTORY, p + ": is a directory");
        if (found.type() != FileType.FILE) throw exists(p);
        return found.attributes();
    }

    /** A FIFO, socket, device node or (as mknod(2) allows) an empty regular file. */
    public InodeAttributes mknod(String path, FileType type, int mode, int rdev, int uid, int gid) throws RingFsException {
        if (type == FileType.DIRECTORY || type == FileType.SYMLINK) {
            throw new RingFsException(ErrorCode.INVALID, "mknod cannot make a " + type);
        }
        PathName p = PathName.parse(path);
        return store.write(txn -> addInode(txn, p, type, mode, uid, gid, rdev, null));
    }

    public InodeAttributes symlink(String path, String target, int uid, int gid) throws RingFsException {
        if (target == null || target.isEmpty()) throw RingFsException.notFound("empty symlink target");
        if (target.indexOf('\0') >= 0) throw new RingFsException(ErrorCode.INVALID, "symlink target contains NUL");
        StorableText.check(target);
        if (target.getBytes(StandardCharsets.UTF_8).length > MetaMethods.PATH_MAX) {
            throw new RingFsException(ErrorCode.NAME_TOO_LONG, "symlink target longer than " + MetaMethods.PATH_MAX + " bytes");
        }
        PathName p = PathName.parse(path);
        return store.write(txn -> addInode(txn, p, FileType.SYMLINK, 0777, uid, gid, 0, target));
    }

    public String readlink(String path) throws RingFsException {
        PathName p = PathName.parse(path);
        return store.read(txn -> {
            InodeRecord r = new PathResolver(txn).resolve(p);
            if (r.type() != FileType.SYMLINK) throw new RingFsException(ErrorCode.INVALID, p + ": not a symbolic link");
            return r.symlinkTarget();
        });
    }

    public InodeAttributes link(String existingPath, String newPath) throws RingFsException {
        PathName src = PathName.parse(existingPath);
        PathName dst = PathName.parse(newPath);
        return store.write(txn -> {
            PathResolver resolver = new PathResolver(txn);
            InodeRecord target = resolver.resolve(src);
            if (target.isDirectory()) throw new RingFsException(ErrorCode.NOT_PERMITTED, src + ": hard link to a directory");
            if (dst.isRoot()) throw exists(dst);
            dst.checkNewName();
            InodeRecord parent = resolver.parentOf(dst);
            if (resolver.child(parent, dst.name()) != null) throw exists(dst);
            if (target.nlink() >= LINK_MAX) throw new RingFsException(ErrorCode.TOO_MANY_LINKS, src + ": too many links");
            long now = now();
            InodeRecord linked = target.withNlink(target.nlink() + 1, now);
            txn.entries().put(parent.id(), dst.name(), target.id());
            txn.inodes().put(linked);
            txn.inodes().put(parent.touchedDirectory(0, now));
            return linked.attributes();
        });
    }

    public NameRemoved unlink(String path) throws RingFsException {
        PathName p = PathName.parse(path);
        return store.write(txn -> {
            if (p.isRoot()) throw new RingFsException(ErrorCode.IS_DIRECTORY, "/: is a directory");
            PathResolver resolver = new PathResolver(txn);
            InodeRecord parent = resolver.parentOf(p);
            InodeRecord victim = resolver.child(parent, p.name());
            if (victim == null) throw RingFsException.notFound(p.toString());
            if (victim.isDirectory()) throw new RingFsException(ErrorCode.IS_DIRECTORY, p + ": is a directory");
            long now = now();
            txn.entries().delete(parent.id(), p.name());
            InodeRecord touched = parent.touchedDirectory(0, now);
            txn.inodes().put(touched);
            return new NameRemoved(touched.attributes(), InodeRelease.dropLink(txn, victim, now));
        });
    }

    public NameRemoved rmdir(String path) throws RingFsException {
        PathName p = PathName.parse(path);
        return store.write(txn -> {
            if (p.isRoot()) throw new RingFsException(ErrorCode.NOT_PERMITTED, "/: the root cannot be removed");
            PathResolver resolver = new PathResolver(txn);
            InodeRecord parent = resolver.parentOf(p);
            InodeRecord victim = resolver.child(parent, p.name());
            if (victim == null) throw RingFsException.notFound(p.toString());
            if (!victim.isDirectory()) throw new RingFsException(ErrorCode.NOT_DIRECTORY, p + ": not a directory");
            if (!txn.entries().isEmpty(victim.id())) throw new RingFsException(ErrorCode.NOT_EMPTY, p + ": directory not empty");
            txn.entries().delete(parent.id(), p.name());
            InodeRelease.removeDirectory(txn, victim);
            InodeRecord touched = parent.touchedDirectory(-1, now());
            txn.inodes().put(touched);
            return new NameRemoved(touched.attributes(), FreedBlocks.NONE);
        });
    }

    /** rename(2); see {@link Rename}. */
    public FreedBlocks rename(String from, String to) throws RingFsException {
        PathName src = PathName.parse(from);
        PathName dst = PathName.parse(to);
        return store.write(txn -> new Rename(txn, now()).apply(src, dst));
    }

    /** chmod/chown/utimens: the given fields change, ctime moves when anything does but a read's atime. */
    public InodeAttributes setAttributes(String path, SetAttributes changes) throws RingFsException {
        PathName p = PathName.parse(path);
        return store.write(txn -> changeAttributes(txn, new PathResolver(txn).resolve(p), changes));
    }

    /** {@link #setAttributes} of an inode by id (an open file's, named or orphaned): STALE when it is gone. */
    public InodeAttributes setAttributesOf(long inode, SetAttributes changes) throws RingFsException {
        return store.write(txn -> changeAttributes(txn, existing(txn, inode), changes));
    }

    private InodeAttributes changeAttributes(StoreTxn txn, InodeRecord r, SetAttributes changes) {
        if (changes.mode() == null && changes.uid() == null && changes.gid() == null
                && changes.atimeNanos() == null && changes.mtimeNanos() == null) {
            return r.attributes();
        }
        InodeRecord changed = r.withAttributes(
                changes.mode() != null ? changes.mode() & PERMISSION_BITS : r.mode(),
                changes.uid() != null ? changes.uid() : r.uid(),
                changes.gid() != null ? changes.gid() : r.gid(),
                changes.atimeNanos() != null ? changes.atimeNanos() : r.atimeNanos(),
                changes.mtimeNanos() != null ? changes.mtimeNanos() : r.mtimeNanos(),
                changes.accessed() && changes.mode() == null && changes.uid() == null && changes.gid() == null
                        && changes.mtimeNanos() == null ? r.ctimeNanos() : now());
        txn.inodes().put(changed);
        return changed.attributes();
    }

    /** Adds a new inode under a new name: EXISTS if the name is taken. */
    private InodeAttributes addInode(StoreTxn txn, PathName p, FileType type, int mode, int uid, int gid, int rdev,
                                     String symlinkTarget) throws RingFsException {
        if (p.isRoot()) throw exists(p);
        p.checkNewName();
        PathResolver resolver = new PathResolver(txn);
        InodeRecord parent = resolver.parentOf(p);
        if (resolver.child(parent, p.name()) != null) throw exists(p);
        long now = now();
        boolean dir = type == FileType.DIRECTORY;
        long size = symlinkTarget == null ? 0 : symlinkTarget.getBytes(StandardCharsets.UTF_8).length;
        InodeRecord r = new InodeRecord(txn.cluster().nextInodeId(), type, mode & PERMISSION_BITS, uid, gid, size,
                dir ? 2 : 1, now, now, now, rdev, symlinkTarget);
        txn.inodes().put(r);
        txn.entries().put(parent.id(), p.name(), r.id());
        txn.inodes().put(parent.touchedDirectory(dir ? 1 : 0, now));
        return r.attributes();
    }

    private long now() { return Nanos.now(clock); }

    static RingFsException exists(PathName p) {
        return new RingFsException(ErrorCode.EXISTS, p + ": file exists");
    }
}
