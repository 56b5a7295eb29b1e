package org.ringfs.webdav.testing;

import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.api.StatFs;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFileSystem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A RingFileSystem in one map, for testing the WebDAV front without a cluster: files and
 * directories with xattrs, POSIX rename rules enough for WebDAV. Not for the FUSE front's corners.
 */
public final class InMemoryFileSystem implements RingFileSystem {
    private static final class Node {
        final long id;
        final FileType type;
        byte[] bytes = new byte[0];
        int mode;
        long mtime = System.nanoTime();
        long ctime = mtime;
        final Map<String, byte[]> xattrs = new TreeMap<>();

        Node(long id, FileType type, int mode) {
            this.id = id;
            this.type = type;
            this.mode = mode;
        }
    }

    private final Map<String, Node> nodes = new TreeMap<>();
    private final AtomicLong ids = new AtomicLong(1);
    private long clock = 1_700_000_000_000_000_000L;

    public InMemoryFileSystem() {
        nodes.put("/", new Node(ids.getAndIncrement(), FileType.DIRECTORY, 0755));
    }

    private long tick() { return clock += 1_000_000; }

    private Node get(String path) throws RingFsException {
        Node n = nodes.get(path);
        if (n == null) {
            String parent = parentOf(path);
            if (parent != null && nodes.containsKey(parent) && nodes.get(parent).type != FileType.DIRECTORY) {
                throw new RingFsException(ErrorCode.NOT_DIRECTORY, path);
            }
            throw RingFsException.notFound(path);
        }
        return n;
    }

    private static String parentOf(String path) {
        if (path.equals("/")) return null;
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    private void checkParent(String path) throws RingFsException {
        Node p = get(parentOf(path));
        if (p.type != FileType.DIRECTORY) throw new RingFsException(ErrorCode.NOT_DIRECTORY, path);
    }

    private InodeAttributes attrs(Node n) {
        return new InodeAttributes(n.id, n.type, n.mode, 0, 0, n.bytes.length, 1, n.mtime, n.mtime, n.ctime, 0);
    }

    @Override
    public synchronized InodeAttributes stat(String path) throws RingFsException { return attrs(get(path)); }

    @Override
    public synchronized List<DirectoryEntry> list(String path) throws RingFsException {
        if (get(path).type != FileType.DIRECTORY) throw new RingFsException(ErrorCode.NOT_DIRECTORY, path);
        List<DirectoryEntry> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            if (path.equals(parentOf(e.getKey()))) {
                out.add(new DirectoryEntry(e.getKey().substring(e.getKey().lastIndexOf('/') + 1), attrs(e.getValue())));
            }
        }
        return out;
    }

    @Override
    public synchronized InodeAttributes mkdir(String path, int mode, int uid, int gid) throws RingFsException {
        checkParent(path);
        if (nodes.containsKey(path)) throw new RingFsException(ErrorCode.EXISTS, path);
        Node n = new Node(ids.getAndIncrement(), FileType.DIRECTORY, mode);
        n.mtime = n.ctime = tick();
        nodes.put(path, n);
        return attrs(n);
    }

    @Override
    public synchronized OpenFile create(String path, int mode, int uid, int gid, boolean exclusive) throws RingFsException {
        checkParent(path);
        Node n = nodes.get(path);
        if (n != null && exclusive) throw new RingFsException(ErrorCode.EXISTS, path);
        if (n != null && n.type == FileType.DIRECTORY) throw new RingFsException(ErrorCode.IS_DIRECTORY, path);
        if (n == null) {
            n = new Node(ids.getAndIncrement(), FileType.FILE, mode);
            n.mtime = n.ctime = tick();
            nodes.put(path, n);
        }
        return null == n ? null : new NoOpOpenFile(n.id);
    }

    @Override
    public OpenFile open(String path, boolean truncate) throws RingFsException {
        throw new RingFsException(ErrorCode.NOT_SUPPORTED, "open");
    }

    @Override
    public InodeAttributes mknod(String path, FileType type, int mode, int rdev, int uid, int gid) throws RingFsException {
        throw new RingFsException(ErrorCode.NOT_SUPPORTED, "mknod");
    }

    @Override
    public InodeAttributes symlink(String path, String target, int uid, int gid) throws RingFsException {
        throw new RingFsException(ErrorCode.NOT_SUPPORTED, "symlink");
    }

    @Override
    public String readlink(String path) throws RingFsException {
        throw new RingFsException(ErrorCode.NOT_SUPPORTED, "readlink");
    }

    @Override
    public InodeAttributes link(String existing, String newPath) throws RingFsException {
        throw new RingFsException(ErrorCode.NOT_SUPPORTED, "link");
    }

    @Override
    public synchronized void unlink(String path) throws RingFsException {
        if (get(path).type == FileType.DIRECTORY) throw new RingFsException(ErrorCode.IS_DIRECTORY, path);
        nodes.remove(path);
    }

    @Override
    public synchronized void rmdir(String path) throws RingFsException {
        if (get(path).type != FileType.DIRECTORY) throw new RingFsException(ErrorCode.NOT_DIRECTORY, path);
        if (!list(path).isEmpty()) throw new RingFsException(ErrorCode.NOT_EMPTY, path);
        nodes.remove(path);
    }

    @Override
    public synchronized void removeTree(String path) throws RingFsException {
        get(path);
        nodes.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + "/"));
    }

    @Override
    public synchronized void rename(String from, String to) throws RingFsException {
        Node n = get(from);
        checkParent(to);
        if (to.startsWith(from + "/")) throw new RingFsException(ErrorCode.INVALID, to);
        Node old = nodes.get(to);
        if (old != null) {
            if (old.type == FileType.DIRECTORY && n.type != FileType.DIRECTORY) throw new RingFsException(ErrorCode.IS_DIRECTORY, to);
            if (old.type != FileType.DIRECTORY && n.type == FileType.DIRECTORY) throw new RingFsException(ErrorCode.NOT_DIRECTORY, to);
            if (old.type == FileType.DIRECTORY && !list(to).isEmpty()) throw new RingFsException(ErrorCode.NOT_EMPTY, to);
        }
        Map<String, Node> moved = new TreeMap<>();
        for (var it = nodes.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals(from) || e.getKey().startsWith(from + "/")) {
                moved.put(to + e.getKey().substring(from.length()), e.getValue());
                it.remove();
            }
        }
        nodes.put(to, null);
        nodes.remove(to);
        nodes.putAll(moved);
    }

    @Override
    public synchronized InodeAttributes setAttributes(String path, SetAttributes changes) throws RingFsException {
        Node n = get(path);
        if (changes.mode() != null) n.mode = changes.mode();
        if (changes.mtimeNanos() != null) n.mtime = changes.mtimeNanos();
        n.ctime = tick();
        return attrs(n);
    }

    @Override
    public synchronized void truncate(String path, long size) throws RingFsException {
        Node n = get(path);
        n.bytes = Arrays.copyOf(n.bytes, (int) size);
        n.mtime = tick();
    }

    @Override
    public synchronized void setXattr(String path, String name, byte[] value, int flags) throws RingFsException {
        get(path).xattrs.put(name, value.clone());
    }

    @Override
    public synchronized byte[] getXattr(String path, String name) throws RingFsException {
        byte[] v = get(path).xattrs.get(name);
        if (v == null) throw new RingFsException(ErrorCode.NO_ATTRIBUTE, name);
        return v.clone();
    }

    @Override
    public synchronized List<String> listXattrs(String path) throws RingFsException {
        return new ArrayList<>(get(path).xattrs.keySet());
    }

    @Override
    public synchronized void removeXattr(String path, String name) throws RingFsException {
        if (get(path).xattrs.remove(name) == null) throw new RingFsException(ErrorCode.NO_ATTRIBUTE, name);
    }

    @Override
    public StatFs statfs() {
        return new StatFs(1 << 20, 10L << 30, 7L << 30, 1000);
    }

    @Override
    public synchronized InputStream openInput(String path) throws RingFsException {
        Node n = get(path);
        if (n.type != FileType.FILE) throw new RingFsException(ErrorCode.IS_DIRECTORY, path);
        return new ByteArrayInputStream(n.bytes.clone());
    }

    @Override
    public synchronized OutputStream openOutput(String path, boolean append, int uid, int gid) throws RingFsException {
        create(path, 0644, uid, gid, false);
        Node n = get(path);
        return new ByteArrayOutputStream() {
            @Override
            public void close() {
                synchronized (InMemoryFileSystem.this) {
                    n.bytes = toByteArray();
                    n.mtime = tick();
                }
            }
        };
    }

    @Override
    public void close() {}

    private record NoOpOpenFile(long inode) implements OpenFile {
        public long size() { return 0; }
        public int read(long position, byte[] buffer, int offset, int length) { return -1; }
        public void write(long position, byte[] buffer, int offset, int length) {}
        public long append(byte[] buffer, int offset, int length) { return 0; }
        public void truncate(long size) {}
        public void flush() {}
        public InodeAttributes attributes() { return null; }
        public void close() {}
    }
}
