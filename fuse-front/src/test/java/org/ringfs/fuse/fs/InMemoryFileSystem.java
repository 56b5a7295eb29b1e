package org.ringfs.fuse.fs;

import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.api.StatFs;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFileSystem;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A RingFileSystem in one map, for testing the FUSE layer without a cluster. One lock; files are
 * byte arrays; enough POSIX to tell whether the mount passes requests through right.
 */
class InMemoryFileSystem implements RingFileSystem {
    private static final class Inode {
        final long id;
        final FileType type;
        int mode, uid, gid, nlink = 1, rdev;
        long atime, mtime, ctime;
        byte[] bytes = new byte[0];
        String target;
        final TreeMap<String, Long> children = new TreeMap<>();
        final TreeMap<String, byte[]> xattrs = new TreeMap<>();

        Inode(long id, FileType type, int mode, int uid, int gid) {
            this.id = id;
            this.type = type;
            this.mode = mode;
            this.uid = uid;
            this.gid = gid;
            atime = mtime = ctime = now();
        }

        InodeAttributes attributes() {
            long size = type == FileType.SYMLINK ? target.length() : type == FileType.DIRECTORY ? 4096 : bytes.length;
            return new InodeAttributes(id, type, mode, uid, gid, size, nlink, atime, mtime, ctime, rdev);
        }
    }

    private final Map<Long, Inode> inodes = new HashMap<>();
    private long lastId = 1;

    InMemoryFileSystem() {
        inodes.put(1L, new Inode(1, FileType.DIRECTORY, 0755, 0, 0));
    }

    private static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private Inode resolve(String path) throws RingFsException {
        Inode at = inodes.get(1L);
        for (String name : path.split("/")) {
            if (name.isEmpty()) continue;
            if (at.type != FileType.DIRECTORY) throw new RingFsException(ErrorCode.NOT_DIRECTORY, path);
            Long child = at.children.get(name);
            if (child == null) throw RingFsException.notFound(path);
            at = inodes.get(child);
        }
        return at;
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private Inode parentDir(String path) throws RingFsException {
        Inode p = resolve(RingFuse.parentOf(path));
        if (p.type != FileType.DIRECTORY) throw new RingFsException(ErrorCode.NOT_DIRECTORY, path);
        return p;
    }

    private synchronized Inode add(String path, FileType type, int mode, int uid, int gid) throws RingFsException {
        Inode parent = parentDir(path);
        if (parent.children.containsKey(nameOf(path))) throw new RingFsException(ErrorCode.EXISTS, path);
        Inode n = new Inode(++lastId, type, mode, uid, gid);
        inodes.put(n.id, n);
        parent.children.put(nameOf(path), n.id);
        parent.mtime = parent.ctime = n.ctime; // as meta's Namespace.addInode: one moment for both
        return n;
    }

    @Override
    public synchronized InodeAttributes stat(String path) throws RingFsException {
        return resolve(path).attributes();
    }

    @Override
    public synchronized List<DirectoryEntry> list(String path) throws RingFsException {
        Inode d = resolve(path);
        if (d.type != FileType.DIRECTORY) throw new RingFsException(ErrorCode.NOT_DIRECTORY, path);
        List<DirectoryEntry> out = new ArrayList<>();
        d.children.forEach((name, id) -> out.add(new DirectoryEntry(name, inodes.get(id).attributes())));
        return out;
    }

    @Override
    public synchronized InodeAttributes mkdir(String path, int mode, int uid, int gid) throws RingFsException {
        return add(path, FileType.DIRECTORY, mode, uid, gid).attributes();
    }

    @Override
    public synchronized OpenFile create(String path, int mode, int uid, int gid, boolean exclusive) throws RingFsException {
        Long existing = parentDir(path).children.get(nameOf(path));
        if (existing != null) {
            if (exclusive) throw new RingFsException(ErrorCode.EXISTS, path);
            return new MemoryFile(inodes.get(existing));
        }
        return new MemoryFile(add(path, FileType.FILE, mode, uid, gid));
    }

    @Override
    public synchronized OpenFile open(String path, boolean truncate) throws RingFsException {
        Inode n = resolve(path);
        if (n.type == FileType.DIRECTORY) throw new RingFsException(ErrorCode.IS_DIRECTORY, path);
        if (truncate) n.bytes = new byte[0];
        return new MemoryFile(n);
    }

    @Override
    public synchronized InodeAttributes mknod(String path, FileType type, int mode, int rdev, int uid, int gid)
            throws RingFsException {
        Inode n = add(path, type, mode, uid, gid);
        n.rdev = rdev;
        return n.attributes();
    }

    @Override
    public synchronized InodeAttributes symlink(String path, String target, int uid, int gid) throws RingFsException {
        Inode n = add(path, FileType.SYMLINK, 0777, uid, gid);
        n.target = target;
        return n.attributes();
    }

    @Override
    public synchronized String readlink(String path) throws RingFsException {
        Inode n = resolve(path);
        if (n.type != FileType.SYMLINK) throw new RingFsException(ErrorCode.INVALID, path);
        return n.target;
    }

    @Override
    public synchronized InodeAttributes link(String existing, String newPath) throws RingFsException {
        Inode n = resolve(existing);
        Inode parent = parentDir(newPath);
        if (parent.children.containsKey(nameOf(newPath))) throw new RingFsException(ErrorCode.EXISTS, newPath);
        parent.children.put(nameOf(newPath), n.id);
        n.nlink++;
        n.ctime = now();
        return n.attributes();
    }

    @Override
    public synchronized InodeAttributes unlink(String path) throws RingFsException {
        Inode n = resolve(path);
        if (n.type == FileType.DIRECTORY) throw new RingFsException(ErrorCode.IS_DIRECTORY, path);
        Inode parent = parentDir(path);
        parent.children.remove(nameOf(path));
        n.nlink--;
        n.ctime = now();
        parent.mtime = parent.ctime = n.ctime; // as meta's Namespace.unlink: one moment for both
        return parent.attributes();
    }

    @Override
    public synchronized InodeAttributes rmdir(String path) throws RingFsException {
        Inode n = resolve(path);
        if (n.type != FileType.DIRECTORY) throw new RingFsException(ErrorCode.NOT_DIRECTORY, path);
        if (!n.children.isEmpty()) throw new RingFsException(ErrorCode.NOT_EMPTY, path);
        Inode parent = parentDir(path);
        parent.children.remove(nameOf(path));
        parent.mtime = parent.ctime = now(); // a directory's nlink stays 1 here: mkdir does not move it

        return parent.attributes();
    }

    @Override
    public synchronized void removeTree(String path) throws RingFsException {
        parentDir(path).children.remove(nameOf(path));
    }

    @Override
    public synchronized void rename(String from, String to) throws RingFsException {
        Inode n = resolve(from);
        Inode target = parentDir(to);
        Long replaced = target.children.get(nameOf(to));
        if (replaced != null) {
            Inode r = inodes.get(replaced);
            if (r.type == FileType.DIRECTORY && !r.children.isEmpty()) throw new RingFsException(ErrorCode.NOT_EMPTY, to);
            if (r.type != FileType.DIRECTORY && r.id != n.id) r.nlink--;
        }
        parentDir(from).children.remove(nameOf(from));
        target.children.put(nameOf(to), n.id);
        n.ctime = now();
    }

    @Override
    public synchronized InodeAttributes setAttributes(String path, SetAttributes c) throws RingFsException {
        return setAttributes(resolve(path).id, c);
    }

    private Inode byId(long id) throws RingFsException {
        Inode n = inodes.get(id);
        if (n == null) throw new RingFsException(ErrorCode.STALE, "inode " + id);
        return n;
    }

    @Override
    public synchronized InodeAttributes stat(long inode) throws RingFsException {
        return byId(inode).attributes();
    }

    @Override
    public synchronized InodeAttributes setAttributes(long inode, SetAttributes c) throws RingFsException {
        Inode n = byId(inode);
        if (c.mode() != null) n.mode = c.mode();
        if (c.uid() != null) n.uid = c.uid();
        if (c.gid() != null) n.gid = c.gid();
        if (c.atimeNanos() != null) n.atime = c.atimeNanos();
        if (c.mtimeNanos() != null) n.mtime = c.mtimeNanos();
        n.ctime = now();
        return n.attributes();
    }

    @Override
    public synchronized void truncate(String path, long size) throws RingFsException {
        Inode n = resolve(path);
        n.bytes = Arrays.copyOf(n.bytes, (int) size);
        n.mtime = n.ctime = now();
    }

    @Override
    public synchronized void setXattr(String path, String name, byte[] value, int flags) throws RingFsException {
        resolve(path).xattrs.put(name, value.clone());
    }

    @Override
    public synchronized byte[] getXattr(String path, String name) throws RingFsException {
        byte[] v = resolve(path).xattrs.get(name);
        if (v == null) throw new RingFsException(ErrorCode.NO_ATTRIBUTE, name);
        return v.clone();
    }

    @Override
    public synchronized List<String> listXattrs(String path) throws RingFsException {
        return new ArrayList<>(resolve(path).xattrs.keySet());
    }

    @Override
    public synchronized void removeXattr(String path, String name) throws RingFsException {
        if (resolve(path).xattrs.remove(name) == null) throw new RingFsException(ErrorCode.NO_ATTRIBUTE, name);
    }

    @Override
    public synchronized void setXattr(long inode, String name, byte[] value, int flags) throws RingFsException {
        byId(inode).xattrs.put(name, value.clone());
    }

    @Override
    public synchronized byte[] getXattr(long inode, String name) throws RingFsException {
        byte[] v = byId(inode).xattrs.get(name);
        if (v == null) throw new RingFsException(ErrorCode.NO_ATTRIBUTE, name);
        return v.clone();
    }

    @Override
    public synchronized List<String> listXattrs(long inode) throws RingFsException {
        return new ArrayList<>(byId(inode).xattrs.keySet());
    }

    @Override
    public synchronized void removeXattr(long inode, String name) throws RingFsException {
        if (byId(inode).xattrs.remove(name) == null) throw new RingFsException(ErrorCode.NO_ATTRIBUTE, name);
    }

    @Override
    public StatFs statfs() {
        return new StatFs(1 << 20, 100L << 30, 60L << 30, inodes.size());
    }

    @Override
    public InputStream openInput(String path) {
        throw new UnsupportedOperationException("the mount does not stream");
    }

    @Override
    public OutputStream openOutput(String path, boolean append, int uid, int gid) {
        throw new UnsupportedOperationException("the mount does not stream");
    }

    @Override
    public void close() {}

    /** An open file's fresh attributes were read (a meta call for the real client): tests count them. */
    void attributesRead(long inode) {}

    /**
     * Whether open files keep their writes until flush or close, as the client's do (meta's size and
     * times move at the commit); otherwise every write reaches the inode at once.
     */
    volatile boolean buffersWrites;

    /**
     * Whether a flush of pending bytes commits them and then fails as if meta's answer was lost (the
     * connection broke after meta wrote): the caller cannot know whether it happened.
     */
    volatile boolean commitsLoseTheirAnswers;

    /** When set, every read waits for it first, as a read from a data server that is slow to answer. */
    volatile java.util.concurrent.CountDownLatch readsWaitFor;

    private final class MemoryFile implements OpenFile {
        private final Inode n;
        private final InodeAttributes opened;
        /** The file's bytes with the writes not yet flushed (buffersWrites), or null. */
        private byte[] pending;
        /** Changes begun on the inode: every write that reached it, every flush of pending bytes, every truncate. */
        private long changes;
        /** The inode as the last flush of pending bytes left it, and {@link #changes} then. */
        private InodeAttributes committed;
        private long committedAt = -1;

        MemoryFile(Inode n) {
            this.n = n;
            this.opened = n.attributes();
        }

        @Override public java.util.Optional<InodeAttributes> openedAttributes() { return java.util.Optional.of(opened); }

        @Override public java.util.Optional<InodeAttributes> committedAttributes() {
            synchronized (InMemoryFileSystem.this) {
                return committedAt == changes ? java.util.Optional.of(committed) : java.util.Optional.empty();
            }
        }

        @Override public java.util.OptionalLong changesBegun() {
            synchronized (InMemoryFileSystem.this) { return java.util.OptionalLong.of(changes); }
        }

        @Override public long inode() { return n.id; }

        private byte[] bytes() { return pending != null ? pending : n.bytes; }

        @Override public long size() {
            synchronized (InMemoryFileSystem.this) { return bytes().length; }
        }

        @Override public int read(long position, byte[] buffer, int offset, int length) {
            java.util.concurrent.CountDownLatch gate = readsWaitFor;
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (InMemoryFileSystem.this) {
                byte[] b = bytes();
                if (position >= b.length) return -1;
                int count = (int) Math.min(length, b.length - position);
                System.arraycopy(b, (int) position, buffer, offset, count);
                return count;
            }
        }

        @Override public void write(long position, byte[] buffer, int offset, int length) {
            synchronized (InMemoryFileSystem.this) {
                byte[] b = bytes();
                if (position + length > b.length) b = Arrays.copyOf(b, (int) position + length);
                else if (buffersWrites && pending == null) b = b.clone();
                System.arraycopy(buffer, offset, b, (int) position, length);
                if (buffersWrites) {
                    pending = b;
                } else {
                    n.bytes = b;
                    n.mtime = n.ctime = now();
                    changes++;
                }
            }
        }

        @Override public long append(byte[] buffer, int offset, int length) {
            synchronized (InMemoryFileSystem.this) {
                long at = bytes().length;
                write(at, buffer, offset, length);
                return at;
            }
        }

        @Override public void truncate(long size) throws RingFsException {
            synchronized (InMemoryFileSystem.this) {
                flush();
                changes++;
                n.bytes = Arrays.copyOf(n.bytes, (int) size);
            }
        }

        @Override public void flush() throws RingFsException {
            synchronized (InMemoryFileSystem.this) {
                if (pending == null) return;
                changes++;
                n.bytes = pending;
                n.mtime = n.ctime = now();
                pending = null;
                if (commitsLoseTheirAnswers) {
                    throw new RingFsException(ErrorCode.UNAVAILABLE, "meta unreachable (its answer to the commit was lost)");
                }
                committed = n.attributes();
                committedAt = changes;
            }
        }

        @Override public InodeAttributes attributes() {
            attributesRead(n.id);
            synchronized (InMemoryFileSystem.this) {
                InodeAttributes a = n.attributes();
                long mine = bytes().length;
                return mine <= a.size() ? a : new InodeAttributes(a.id(), a.type(), a.mode(), a.uid(), a.gid(), mine,
                        a.nlink(), a.atimeNanos(), a.mtimeNanos(), a.ctimeNanos(), a.rdev());
            }
        }

        @Override public void close() throws RingFsException { flush(); }
    }
}
