package org.ringfs.meta.namespace;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.InodeRecord;
import org.ringfs.meta.store.MetaStore;
import org.ringfs.meta.store.Nanos;
import org.ringfs.meta.store.StoreTxn;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Extended attributes of any inode (file, directory, symlink...): set with the XATTR_CREATE and
 * XATTR_REPLACE flags, get, list, remove. A change moves the inode's ctime. Names are at most
 * NAME_MAX bytes and values at most XATTR_VALUE_MAX bytes; beyond either: RANGE.
 */
public final class ExtendedAttributes {
    private final MetaStore store;
    private final Clock clock;

    public ExtendedAttributes(MetaStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void set(String path, String name, byte[] value, int flags) throws RingFsException {
        PathName p = PathName.parse(path);
        set(txn -> new PathResolver(txn).resolve(p), p.toString(), name, value, flags);
    }

    /** {@link #set} on an inode by id (an open file's, named or orphaned): STALE when it is gone. */
    public void set(long inode, String name, byte[] value, int flags) throws RingFsException {
        set(txn -> Namespace.existing(txn, inode), "inode " + inode, name, value, flags);
    }

    /** How a call finds its inode in a transaction: by path or by id. */
    @FunctionalInterface
    private interface Target {
        InodeRecord find(StoreTxn txn) throws RingFsException;
    }

    private void set(Target target, String p, String name, byte[] value, int flags) throws RingFsException {
        checkName(name);
        if (value.length > MetaMethods.XATTR_VALUE_MAX) {
            throw new RingFsException(ErrorCode.RANGE, "xattr value of " + value.length + " bytes exceeds " + MetaMethods.XATTR_VALUE_MAX);
        }
        boolean create = (flags & MetaService.XATTR_CREATE) != 0;
        boolean replace = (flags & MetaService.XATTR_REPLACE) != 0;
        if ((flags & ~(MetaService.XATTR_CREATE | MetaService.XATTR_REPLACE)) != 0 || (create && replace)) {
            throw new RingFsException(ErrorCode.INVALID, "bad xattr flags " + flags);
        }
        store.write(txn -> {
            InodeRecord r = target.find(txn);
            boolean present = txn.xattrs().get(r.id(), name) != null;
            if (create && present) throw new RingFsException(ErrorCode.EXISTS, p + ": xattr " + name + " exists");
            if (replace && !present) throw noAttribute(p, name);
            txn.xattrs().put(r.id(), name, value);
            txn.inodes().put(r.withCtime(Nanos.now(clock)));
            return null;
        });
    }

    public byte[] get(String path, String name) throws RingFsException {
        PathName p = PathName.parse(path);
        return get(txn -> new PathResolver(txn).resolve(p), p.toString(), name);
    }

    public byte[] get(long inode, String name) throws RingFsException {
        return get(txn -> Namespace.existing(txn, inode), "inode " + inode, name);
    }

    private byte[] get(Target target, String p, String name) throws RingFsException {
        checkName(name);
        return store.read(txn -> {
            byte[] v = txn.xattrs().get(target.find(txn).id(), name);
            if (v == null) throw noAttribute(p, name);
            return v;
        });
    }

    public List<String> list(String path) throws RingFsException {
        PathName p = PathName.parse(path);
        return store.read(txn -> txn.xattrs().names(new PathResolver(txn).resolve(p).id()));
    }

    public List<String> list(long inode) throws RingFsException {
        return store.read(txn -> txn.xattrs().names(Namespace.existing(txn, inode).id()));
    }

    public void remove(String path, String name) throws RingFsException {
        PathName p = PathName.parse(path);
        remove(txn -> new PathResolver(txn).resolve(p), p.toString(), name);
    }

    public void remove(long inode, String name) throws RingFsException {
        remove(txn -> Namespace.existing(txn, inode), "inode " + inode, name);
    }

    private void remove(Target target, String p, String name) throws RingFsException {
        checkName(name);
        store.write(txn -> {
            InodeRecord r = target.find(txn);
            if (!txn.xattrs().delete(r.id(), name)) throw noAttribute(p, name);
            txn.inodes().put(r.withCtime(Nanos.now(clock)));
            return null;
        });
    }

    private static void checkName(String name) throws RingFsException {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new RingFsException(ErrorCode.INVALID, "bad xattr name '" + name + "'");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MetaMethods.NAME_MAX) {
            throw new RingFsException(ErrorCode.RANGE, "xattr name longer than " + MetaMethods.NAME_MAX + " bytes");
        }
    }

    private static RingFsException noAttribute(String p, String name) {
        return new RingFsException(ErrorCode.NO_ATTRIBUTE, p + ": no xattr " + name);
    }
}
