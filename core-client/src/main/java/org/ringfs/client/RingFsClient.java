package org.ringfs.client;

import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.api.StatFs;
import org.ringfs.api.StorableText;
import org.ringfs.repair.Fsck;
import org.ringfs.repair.ReadRepair;
import org.ringfs.transport.BlockClient;
import org.ringfs.transport.MetaClient;

import java.io.InputStream;
import java.time.Duration;
import java.io.OutputStream;
import java.util.List;

/**
 * The RingFS client: namespace calls go to meta with normalised paths; file contents go through
 * {@link OpenFile}s that read with verification, replica fallback and read repair, and write whole
 * blocks to three data servers under the write policy, under a writer session with meta. It deletes
 * nothing from the data servers: they delete only on meta's records. Thread-safe; one per process is enough.
 */
public final class RingFsClient implements RingFileSystem {
    /** How long a call meta does not answer is retried (a meta restart takes seconds) before it fails. */
    public static final Duration META_RETRY = Duration.ofSeconds(15);

    private final ClientSettings settings;
    private final MetaService meta;
    private final ClusterView view;
    private final ClientExecutors executors = new ClientExecutors();
    private final ClientServices services;
    /** Tables that short ranged reads of an unchanged file share. */
    private final RangeTables rangeTables;
    private final WriterSession session;
    private final ReadStats readStats = new ReadStats();
    private final AttributeCache attributes;
    private final StatAhead statAhead;
    /** False once meta answered that it has no {@code ringfs.listPacked} (an older meta): list the old way. */
    private volatile boolean packedListing = true;

    public RingFsClient(ClientSettings settings) {
        this(settings, MetaClient.connect(settings.metaAddress(), settings.callTimeout(), settings.signer(), settings.tls())
                .pinnedToFirstCluster().retryingFor(META_RETRY));
    }

    public RingFsClient(ClientSettings settings, MetaService meta) {
        this(settings, meta, new ClusterView(meta, BlockClient.connections(settings.callTimeout(), settings.tls()),
                settings.callTimeout(), settings.signer(), settings.tls() != null));
    }

    /** A client over any meta and data servers (tests pass in-process ones). */
    public RingFsClient(ClientSettings settings, MetaService meta, ClusterView view) {
        this.settings = settings;
        this.meta = meta;
        this.view = view;
        this.session = new WriterSession(meta);
        this.attributes = new AttributeCache(settings.attributeTtl());
        this.statAhead = new StatAhead(settings.attributeTtl(), dir -> list(dir).size(), executors.statAhead());
        GenerationLeases leases = new GenerationLeases(meta, session);
        BlockReader reader = new BlockReader(view, new ReadRepair(meta, view), readStats);
        BlockWriter writer = new BlockWriter(view, leases, executors.calls(), settings);
        this.services = new ClientServices(settings, meta, view, executors, reader, writer,
                new BlockCommitter(meta, session, reader, writer, leases, settings.readWait(), attributes),
                new FileTruncation(meta, session, reader, writer, leases, settings.readWait(), attributes), session, readStats);
        this.rangeTables = new RangeTables(services);
    }

    public ClientSettings settings() { return settings; }

    /**
     * The meta connection this client uses, with its secret and TLS: a front that also keeps its
     * own records in meta (the WebDAV front's locks) calls meta through it rather than opening one.
     */
    public MetaService meta() { return meta; }

    /** What this client's reads have asked of meta and the data servers so far. */
    public ReadStats readStats() { return readStats; }

    /** The client's view of the cluster map (placement, data servers). */
    public ClusterView clusterView() { return view; }

    /** The attribute cache {@code stat} answers from (off when the settings' attribute time is zero). */
    public AttributeCache attributeCache() { return attributes; }

    /** A consistency check of meta against every data server, over this client's connections. */
    public Fsck fsck() { return new Fsck(meta, view); }

    // ---- namespace ----

    /**
     * From the attribute cache when it holds the path for less than its time, else from meta; a walk
     * of stats through one directory also lists it ahead into the cache ({@link StatAhead}).
     */
    @Override
    public InodeAttributes stat(String path) throws RingFsException {
        String p = PathNames.normalise(path);
        InodeAttributes cached = attributes.get(p);
        if (cached != null) return cached;
        statAhead.missed(p);
        cached = attributes.get(p);
        if (cached != null) return cached;
        AttributeCache.Fetch fetch = attributes.beginFetch();
        InodeAttributes a = meta.stat(p);
        attributes.put(fetch, p, a);
        return a;
    }

    /** Always from meta (one packed reply); fills the attribute cache with the entries. */
    @Override
    public List<DirectoryEntry> list(String path) throws RingFsException {
        String p = PathNames.normalise(path);
        AttributeCache.Fetch fetch = attributes.beginFetch();
        List<DirectoryEntry> entries = listNormalised(p);
        attributes.putListing(fetch, p, entries);
        return entries;
    }

    private List<DirectoryEntry> listNormalised(String path) throws RingFsException {
        if (packedListing) {
            try {
                return meta.listPacked(path).entries();
            } catch (RingFsException e) {
                if (e.code() != ErrorCode.UNKNOWN_METHOD && e.code() != ErrorCode.NOT_SUPPORTED) throw e;
                packedListing = false; // a meta from before ringfs.listPacked
            }
        }
        return meta.list(path);
    }

    @Override
    public InodeAttributes mkdir(String path, int mode, int uid, int gid) throws RingFsException {
        String p = PathNames.normalise(path);
        return added(p, () -> meta.mkdir(p, mode, uid, gid));
    }

    @Override
    public InodeAttributes mknod(String path, FileType type, int mode, int rdev, int uid, int gid) throws RingFsException {
        String p = PathNames.normalise(path);
        return added(p, () -> meta.mknod(p, type, mode, rdev, uid, gid));
    }

    @Override
    public InodeAttributes symlink(String path, String target, int uid, int gid) throws RingFsException {
        StorableText.check(target); // the target rides XML-RPC too
        String p = PathNames.normalise(path);
        return added(p, () -> meta.symlink(p, target, uid, gid));
    }

    @Override
    public String readlink(String path) throws RingFsException {
        return meta.readlink(PathNames.normalise(path));
    }

    /** A call that adds (or, for create, may find) a name and answers its inode's attributes. */
    private interface NameCall {
        InodeAttributes run() throws RingFsException;
    }

    /** Runs a call that adds name {@code p}; the answer goes into the attribute cache, a failure only drops. */
    private InodeAttributes added(String p, NameCall call) throws RingFsException {
        AttributeCache.Fetch fetch = attributes.beginFetch();
        boolean answered = false;
        try {
            InodeAttributes a = call.run();
            attributes.nameApplied(fetch, p, a);
            answered = true;
            return a;
        } finally {
            if (!answered) attributes.nameChanged(p);
        }
    }

    @Override
    public InodeAttributes link(String existing, String newPath) throws RingFsException {
        String from = PathNames.normalise(existing);
        String to = PathNames.normalise(newPath);
        try {
            InodeAttributes a = meta.link(from, to);
            attributes.inodeChanged(a.id());
            return a;
        } finally {
            attributes.nameChanged(from); // its nlink and ctime moved
            attributes.nameChanged(to);
        }
    }

    @Override
    public InodeAttributes unlink(String path) throws RingFsException {
        String p = PathNames.normalise(path);
        try {
            return meta.unlink(p).parent();
        } finally {
            attributes.nameChanged(p);
        }
    }

    @Override
    public InodeAttributes rmdir(String path) throws RingFsException {
        String p = PathNames.normalise(path);
        try {
            return meta.rmdir(p).parent();
        } finally {
            attributes.treeChanged(p);
        }
    }

    @Override
    public void removeTree(String path) throws RingFsException {
        String p = PathNames.normalise(path);
        if (p.equals("/")) throw new RingFsException(ErrorCode.INVALID, "the root cannot be removed");
        removeNormalised(p);
    }

    private void removeNormalised(String path) throws RingFsException {
        try {
            InodeAttributes a = meta.stat(path);
            if (!a.isDirectory()) {
                meta.unlink(path);
                return;
            }
            for (DirectoryEntry e : listNormalised(path)) removeNormalised(PathNames.child(path, e.name()));
            meta.rmdir(path);
        } finally {
            attributes.treeChanged(path);
        }
    }

    @Override
    public void rename(String from, String to) throws RingFsException {
        String f = PathNames.normalise(from);
        String t = PathNames.normalise(to);
        try {
            meta.rename(f, t);
        } finally {
            attributes.treeChanged(f); // the target's inode too, if it replaced one: its nlink fell
            attributes.treeChanged(t);
        }
    }

    @Override
    public InodeAttributes setAttributes(String path, SetAttributes changes) throws RingFsException {
        String p = PathNames.normalise(path);
        AttributeCache.Fetch fetch = attributes.beginFetch();
        boolean answered = false;
        try {
            InodeAttributes a = meta.setAttributes(p, changes);
            attributes.inodeApplied(fetch, a);
            answered = true;
            return a;
        } finally {
            if (!answered) attributes.pathChanged(p);
        }
    }

    @Override
    public void setXattr(String path, String name, byte[] value, int flags) throws RingFsException {
        String p = PathNames.normalise(path);
        try {
            meta.setXattr(p, name, value, flags);
        } finally {
            attributes.pathChanged(p); // ctime
        }
    }

    @Override
    public byte[] getXattr(String path, String name) throws RingFsException {
        return meta.getXattr(PathNames.normalise(path), name);
    }

    @Override
    public List<String> listXattrs(String path) throws RingFsException {
        return meta.listXattrs(PathNames.normalise(path));
    }

    @Override
    public void removeXattr(String path, String name) throws RingFsException {
        String p = PathNames.normalise(path);
        try {
            meta.removeXattr(p, name);
        } finally {
            attributes.pathChanged(p); // ctime
        }
    }

    @Override
    public InodeAttributes stat(long inode) throws RingFsException {
        return meta.inode(inode);
    }

    @Override
    public InodeAttributes setAttributes(long inode, SetAttributes changes) throws RingFsException {
        AttributeCache.Fetch fetch = attributes.beginFetch();
        boolean answered = false;
        try {
            InodeAttributes a = meta.setAttributesOf(inode, changes);
            attributes.inodeApplied(fetch, a);
            answered = true;
            return a;
        } finally {
            if (!answered) attributes.inodeChanged(inode);
        }
    }

    @Override
    public void setXattr(long inode, String name, byte[] value, int flags) throws RingFsException {
        try {
            meta.setXattrOf(inode, name, value, flags);
        } finally {
            attributes.inodeChanged(inode); // ctime
        }
    }

    @Override
    public byte[] getXattr(long inode, String name) throws RingFsException {
        return meta.getXattrOf(inode, name);
    }

    @Override
    public List<String> listXattrs(long inode) throws RingFsException {
        return meta.listXattrsOf(inode);
    }

    @Override
    public void removeXattr(long inode, String name) throws RingFsException {
        try {
            meta.removeXattrOf(inode, name);
        } finally {
            attributes.inodeChanged(inode); // ctime
        }
    }

    @Override
    public StatFs statfs() throws RingFsException {
        return meta.statfs();
    }

    // ---- file contents ----

    @Override
    public OpenFile create(String path, int mode, int uid, int gid, boolean exclusive) throws RingFsException {
        String p = PathNames.normalise(path);
        InodeAttributes a = added(p, () -> session.openedBy((s, hold) -> meta.createHeld(s, hold, p, mode, uid, gid, exclusive)));
        return handleOf(a, null);
    }

    @Override
    public OpenFile open(String path, boolean truncate) throws RingFsException {
        OpenFile file = openInode(meta.stat(PathNames.normalise(path)));
        if (truncate) {
            try {
                file.truncate(0);
            } catch (RingFsException e) {
                closeAfterFailure(file, e);
                throw e;
            }
        }
        return file;
    }

    @Override
    public void truncate(String path, long size) throws RingFsException {
        try (OpenFile file = open(path, false)) {
            file.truncate(size);
        }
    }

    @Override
    public InputStream openInput(String path) throws RingFsException {
        return new RingFsInputStream(open(path, false), view.blockSize());
    }

    @Override
    public InputStream openInput(String path, InodeAttributes attributes) throws RingFsException {
        return new RingFsInputStream(openInode(attributes), view.blockSize());
    }

    /**
     * A window over the file that reads nothing before {@code offset} nor past its end (see {@link
     * RingFsInputStream#window}). A window shorter than a block (a random read through many opens, as
     * ranged GETs are) reads the table it shares with the other short windows of the file as these
     * attributes describe it ({@link RangeTables}); a longer one reads a table of its own.
     */
    @Override
    public InputStream openRange(String path, InodeAttributes attributes, long offset, long length) throws RingFsException {
        if (offset < 0 || length < 0) throw new RingFsException(ErrorCode.INVALID, "bad range " + offset + "+" + length);
        int blockSize = view.blockSize();
        boolean shared = length < blockSize && attributes.isFile() && attributes.size() > 0;
        OpenFileHandle file = openInode(attributes, shared ? rangeTables.of(attributes) : null);
        return RingFsInputStream.window(file, blockSize, offset, length);
    }

    @Override
    public OutputStream openOutput(String path, boolean append, int uid, int gid) throws RingFsException {
        OpenFile file = create(path, 0644, uid, gid, false);
        try {
            // An empty file (a new one above all) needs no truncation: a synced meta write and a re-read table saved.
            if (!append && file.size() > 0) file.truncate(0);
            return new RingFsOutputStream(file, append ? file.size() : 0, view.blockSize());
        } catch (RingFsException e) {
            closeAfterFailure(file, e);
            throw e;
        }
    }

    @Override
    public void close() {
        executors.close();
        session.close();
    }

    private OpenFileHandle openInode(InodeAttributes a) throws RingFsException {
        return openInode(a, null);
    }

    /** @param sharedTable the table the handle shares with other short windows (read at random), or null for its own */
    private OpenFileHandle openInode(InodeAttributes a, BlockTable sharedTable) throws RingFsException {
        if (a.isDirectory()) throw new RingFsException(ErrorCode.IS_DIRECTORY, "inode " + a.id() + " is a directory");
        if (!a.isFile()) throw new RingFsException(ErrorCode.INVALID, "inode " + a.id() + " is a " + a.type() + ", not a file");
        session.opened(a.id()); // meta keeps it, nameless if need be, until this handle closes
        return handleOf(a, sharedTable);
    }

    /** A handle of an inode the session holds for it already. */
    private OpenFileHandle handleOf(InodeAttributes a, BlockTable sharedTable) throws RingFsException {
        try {
            return new OpenFileHandle(a, view.blockSize(), services, sharedTable);
        } catch (RingFsException | RuntimeException e) {
            session.closed(a.id());
            throw e;
        }
    }

    private static void closeAfterFailure(OpenFile file, RingFsException failure) {
        try {
            file.close();
        } catch (RingFsException e) {
            failure.addSuppressed(e);
        }
    }
}
