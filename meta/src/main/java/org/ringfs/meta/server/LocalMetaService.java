package org.ringfs.meta.server;

import org.ringfs.api.BlockScanPage;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.DavLock;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.PackedListing;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.FileType;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.FreedPage;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.InodeHold;
import org.ringfs.api.MetaMember;
import org.ringfs.api.MetaService;
import org.ringfs.api.NameRemoved;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.api.StatFs;
import org.ringfs.meta.locks.DavLocks;
import org.ringfs.meta.namespace.ExtendedAttributes;
import org.ringfs.meta.namespace.FileContents;
import org.ringfs.meta.namespace.Namespace;
import org.ringfs.meta.namespace.OpenInodes;
import org.ringfs.meta.registry.ClusterRegistry;
import org.ringfs.meta.registry.DeleteOrders;
import org.ringfs.meta.session.WriterSessions;
import org.ringfs.meta.store.MetaStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** {@link MetaService} in process: the namespace, file contents, xattrs, registry and WebDAV locks over one store. */
public final class LocalMetaService implements MetaService {
    private final Namespace namespace;
    private final FileContents contents;
    private final ExtendedAttributes xattrs;
    private final ClusterRegistry registry;
    private final DavLocks locks;
    private final WriterSessions sessions;
    private final DeleteOrders deleteOrders;
    private final OpenInodes openInodes;
    private final MetaStore store;
    private final long term;
    private final MetaGroup group;

    /**
     * @param deadAfter        a data server silent this long is dead
     * @param sessionTimeout   a writer session not renewed this long ends, and its uncommitted generations become garbage
     * @param acceptOlderStore clear the older-store alarm at this start ({@code --accept-older-store})
     */
    public LocalMetaService(MetaStore store, Clock clock, Duration deadAfter, Duration sessionTimeout,
                            boolean acceptOlderStore) throws RingFsException {
        this(store, clock, deadAfter, sessionTimeout, acceptOlderStore, 0, new MetaGroup("meta-1", ""));
    }

    /**
     * A master's service: built afresh at each takeover, so every writer session persisted gets a
     * whole timeout from now, and registry liveness and safe mode start over.
     *
     * @param term  the master's term, carried by heartbeat replies, delete orders and live generations (0: a single meta)
     * @param group the group this meta belongs to (a group of one for a single meta)
     */
    LocalMetaService(MetaStore store, Clock clock, Duration deadAfter, Duration sessionTimeout,
                     boolean acceptOlderStore, long term, MetaGroup group) throws RingFsException {
        this.store = store;
        this.term = term;
        this.group = group;
        this.sessions = new WriterSessions(store, clock, sessionTimeout, (txn, session) -> OpenInodes.releaseAll(txn, session));
        this.deleteOrders = new DeleteOrders(store);
        this.namespace = new Namespace(store, clock);
        this.openInodes = new OpenInodes(store, namespace);
        this.contents = new FileContents(store, clock, sessions);
        this.xattrs = new ExtendedAttributes(store, clock);
        this.registry = new ClusterRegistry(store, clock, deadAfter, acceptOlderStore);
        this.locks = new DavLocks(store, clock);
    }

    @Override public ClusterMap clusterMap() throws RingFsException { return registry.clusterMap(); }

    @Override
    public HeartbeatReply heartbeat(Heartbeat heartbeat) throws RingFsException {
        HeartbeatReply r = registry.heartbeat(heartbeat);
        return new HeartbeatReply(r.epoch(), r.reconcile(), r.clusterId(), r.deletesAllowed(), term);
    }

    /** The master's term this service carries (0 for a single meta). */
    public long term() { return term; }

    @Override
    public long allocateGenerations(long session, int count) throws RingFsException {
        return contents.allocateGenerations(session, count);
    }

    @Override public long openSession(String client) throws RingFsException { return sessions.open(client); }

    @Override public void renewSession(long session) throws RingFsException { sessions.renew(session); }

    @Override public void closeSession(long session) throws RingFsException { sessions.close(session); }

    @Override
    public void holdInode(long session, long inode, long hold) throws RingFsException {
        requireHoldNumber(hold);
        openInodes.hold(session, inode, hold);
    }

    /** A client numbers its holds from 1 ({@code InodeHold}); anything else is a bad request. */
    private static void requireHoldNumber(long hold) throws RingFsException {
        if (hold < 1) throw new RingFsException(ErrorCode.BAD_REQUEST, "hold numbers start at 1, not " + hold);
    }

    @Override
    public void releaseInodes(long session, List<InodeHold> holds) throws RingFsException {
        openInodes.release(session, holds);
    }

    @Override
    public LiveGenerations liveGenerations() throws RingFsException {
        LiveGenerations live = sessions.liveGenerations();
        return new LiveGenerations(live.nextGeneration(), live.live(), term);
    }

    @Override
    public FreedPage freedBlocks(String server, long afterSequence, int max) throws RingFsException {
        FreedPage page = deleteOrders.after(server, afterSequence, max);
        return new FreedPage(page.records(), page.done(), term);
    }

    @Override
    public FreedPage freedRecords(long afterSequence, int max) throws RingFsException {
        FreedPage page = deleteOrders.kept(afterSequence, max);
        return new FreedPage(page.records(), page.done(), term);
    }

    @Override
    public void replicasVerified(String server, long epoch, long asOfMillis) throws RingFsException {
        registry.replicasVerified(server, epoch, asOfMillis);
    }

    @Override public ClusterMap retire(String server) throws RingFsException { return registry.retire(server); }

    @Override
    public boolean drainReport(String server, long epoch, long copiesLeft) throws RingFsException {
        return registry.drainReport(server, epoch, copiesLeft);
    }

    /** Purges the freed records every ring server has carried out (the server's timer). */
    public int purgeAppliedFreedRecords() throws RingFsException {
        return deleteOrders.purgeApplied(registry.clusterMap().names());
    }

    /** The writer sessions, for the server's timer that ends idle ones. */
    public WriterSessions sessions() { return sessions; }

    @Override public StatFs statfs() throws RingFsException { return registry.statfs(); }

    // The meta group's calls. Through a MetaServer, metaMembers and storeDigest are answered by any member
    // (MasterGate); here they answer for this member.
    @Override
    public List<MetaMember> metaMembers() throws RingFsException { return group.members(term); }

    @Override
    public void removeMetaMember(String name) throws RingFsException {
        group.remove(name);
        // An empty transaction keeps the call's reply, so a retry of a removal that happened is answered as done.
        store.write(txn -> null);
    }

    @Override
    public String storeDigest() throws RingFsException { return store.digest(); }

    @Override public InodeAttributes stat(String path) throws RingFsException { return namespace.stat(path); }

    @Override public InodeAttributes inode(long id) throws RingFsException { return namespace.inode(id); }

    @Override public List<DirectoryEntry> list(String path) throws RingFsException { return namespace.list(path); }

    @Override public PackedListing listPacked(String path) throws RingFsException {
        return new PackedListing(namespace.list(path));
    }

    @Override
    public InodeAttributes mkdir(String path, int mode, int uid, int gid) throws RingFsException {
        return namespace.mkdir(path, mode, uid, gid);
    }

    @Override
    public InodeAttributes create(String path, int mode, int uid, int gid, boolean exclusive) throws RingFsException {
        return namespace.create(path, mode, uid, gid, exclusive);
    }

    @Override
    public InodeAttributes createHeld(long session, long hold, String path, int mode, int uid, int gid, boolean exclusive)
            throws RingFsException {
        requireHoldNumber(hold);
        return openInodes.createHeld(session, hold, path, mode, uid, gid, exclusive);
    }

    @Override
    public InodeAttributes mknod(String path, FileType type, int mode, int rdev, int uid, int gid) throws RingFsException {
        return namespace.mknod(path, type, mode, rdev, uid, gid);
    }

    @Override
    public InodeAttributes symlink(String path, String target, int uid, int gid) throws RingFsException {
        return namespace.symlink(path, target, uid, gid);
    }

    @Override public String readlink(String path) throws RingFsException { return namespace.readlink(path); }

    @Override
    public InodeAttributes link(String existing, String newPath) throws RingFsException {
        return namespace.link(existing, newPath);
    }

    @Override public NameRemoved unlink(String path) throws RingFsException { return namespace.unlink(path); }

    @Override public NameRemoved rmdir(String path) throws RingFsException { return namespace.rmdir(path); }

    @Override public FreedBlocks rename(String from, String to) throws RingFsException { return namespace.rename(from, to); }

    @Override
    public InodeAttributes setAttributes(String path, SetAttributes changes) throws RingFsException {
        return namespace.setAttributes(path, changes);
    }

    @Override
    public InodeAttributes setAttributesOf(long inode, SetAttributes changes) throws RingFsException {
        return namespace.setAttributesOf(inode, changes);
    }

    @Override
    public FileBlocks blocks(long inode, long fromIndex, int maxBlocks) throws RingFsException {
        return contents.blocks(inode, fromIndex, maxBlocks);
    }

    @Override
    public InodeAttributes commit(long session, long inode, long size, long mtimeNanos, List<BlockWrite> blocks)
            throws RingFsException {
        return contents.commit(session, inode, size, mtimeNanos, blocks);
    }

    @Override
    public InodeAttributes commitAppend(long session, long inode, long fromSize, long size, long mtimeNanos,
                                        List<BlockWrite> blocks) throws RingFsException {
        return contents.commitAppend(session, inode, fromSize, size, mtimeNanos, blocks);
    }

    @Override
    public FreedBlocks truncate(long session, long inode, long size, BlockWrite lastBlock) throws RingFsException {
        return contents.truncate(session, inode, size, lastBlock);
    }

    @Override
    public BlockScanPage scanBlocks(long afterInode, long afterIndex, int maxBlocks) throws RingFsException {
        BlockScanPage page = contents.scanBlocks(afterInode, afterIndex, maxBlocks);
        return new BlockScanPage(page.blocks(), page.done(), page.asOfMillis(), term);
    }

    @Override
    public void setXattr(String path, String name, byte[] value, int flags) throws RingFsException {
        xattrs.set(path, name, value, flags);
    }

    @Override public byte[] getXattr(String path, String name) throws RingFsException { return xattrs.get(path, name); }

    @Override public List<String> listXattrs(String path) throws RingFsException { return xattrs.list(path); }

    @Override public void removeXattr(String path, String name) throws RingFsException { xattrs.remove(path, name); }

    @Override
    public void setXattrOf(long inode, String name, byte[] value, int flags) throws RingFsException {
        xattrs.set(inode, name, value, flags);
    }

    @Override public byte[] getXattrOf(long inode, String name) throws RingFsException { return xattrs.get(inode, name); }

    @Override public List<String> listXattrsOf(long inode) throws RingFsException { return xattrs.list(inode); }

    @Override public void removeXattrOf(long inode, String name) throws RingFsException { xattrs.remove(inode, name); }

    @Override
    public DavLock lock(String path, boolean exclusive, boolean deep, String ownerXml, String principal,
                        long timeoutSeconds) throws RingFsException {
        return locks.lock(path, exclusive, deep, ownerXml, principal, timeoutSeconds);
    }

    @Override
    public DavLock refreshLock(String token, long timeoutSeconds) throws RingFsException {
        return locks.refresh(token, timeoutSeconds);
    }

    @Override public boolean unlock(String token) throws RingFsException { return locks.unlock(token); }

    @Override public DavLock lockByToken(String token) throws RingFsException { return locks.byToken(token); }

    @Override public List<DavLock> locks(String path, boolean below) throws RingFsException { return locks.locks(path, below); }

    @Override public void releaseLocks(String path) throws RingFsException { locks.release(path); }
}
