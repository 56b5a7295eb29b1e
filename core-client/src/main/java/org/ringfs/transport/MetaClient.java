package org.ringfs.transport;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.apache.xmlrpc.client.XmlRpcHttpTransportException;
import org.ringfs.api.BlockScanPage;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.DavLock;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.FileType;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.FreedPage;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.api.StatFs;
import org.ringfs.api.Wire;
import org.ringfs.security.RequestSigner;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Duration;
import java.util.List;

/** {@link MetaService} over XML-RPC: encodes, calls, decodes, and turns faults back into error codes. */
public final class MetaClient implements MetaService {
    static {
        BlockConnections.keepEnoughAlive(); // meta calls share the JDK's keep-alive pool with block calls
    }

    private final XmlRpcClient rpc;
    private final String address;
    /** The cluster id every call names (null: none yet); see {@link #pinnedToFirstCluster()}. */
    private final AtomicReference<String> cluster = new AtomicReference<>();
    private volatile boolean pinning;
    /** The name of the mutating call this thread is sending (the same on every try of it). */
    private static final ThreadLocal<String> CURRENT_CALL = new ThreadLocal<>();
    /** This client's part of its call names: random, so two processes never share one. */
    private final String callPrefix = Long.toHexString(new java.security.SecureRandom().nextLong()) + ":";
    private final AtomicLong calls = new AtomicLong();
    private volatile Duration retryWindow = Duration.ZERO;

    /**
     * The one constructor: a caller states both security settings, so none is dropped by picking a
     * shorter overload (a WebDAV front once called meta over http although given a truststore).
     *
     * @param address host:port of the meta server
     * @param signer  signs every call with the cluster secret; null for a cluster that runs open
     * @param tls     speak https, trusting what this context trusts; null for plain http
     */
    public MetaClient(String address, Duration timeout, RequestSigner signer, SSLContext tls) {
        XmlRpcHardening.installParserFactory();
        this.address = address;
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        try {
            config.setServerURL(new URL((tls == null ? "http://" : "https://") + address + MetaMethods.PATH));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad meta address '" + address + "'", e);
        }
        config.setEnabledForExtensions(true); // i8 and nil; the type factory refuses everything else
        config.setEncoding("UTF-8");
        config.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        config.setReplyTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        rpc = new XmlRpcClient();
        rpc.setConfig(config);
        rpc.setTypeFactory(XmlRpcHardening.typeFactory(rpc));
        // HttpURLConnection keeps connections alive between calls.
        rpc.setTransportFactory(new MetaTransportFactory(rpc, signer, tls, MetaMethods.PATH, cluster::get,
                CURRENT_CALL::get));
    }

    public String address() { return address; }

    /**
     * From the first cluster map on, every call names that cluster's id and a meta of another
     * cluster refuses it (WRONG_CLUSTER): what a file-system client wants. Data servers keep their
     * own record of the cluster instead (they must also talk to a meta that refuses them).
     */
    public MetaClient pinnedToFirstCluster() {
        pinning = true;
        return this;
    }

    /**
     * A call meta did not answer (down, restarting, the connection broke) is sent again, with the
     * same name, until {@code window} has passed: meta answers a mutation it already carried out
     * with its first reply, so the retry is safe. The default is no retry.
     */
    public MetaClient retryingFor(Duration window) {
        this.retryWindow = window;
        return this;
    }

    private Object call(String method, Object... params) throws RingFsException {
        boolean mutation = MetaMethods.MUTATIONS.contains(method);
        if (mutation) CURRENT_CALL.set(callPrefix + calls.incrementAndGet());
        try {
            long deadline = System.nanoTime() + retryWindow.toNanos();
            for (int attempt = 1; ; attempt++) {
                try {
                    return rpc.execute(method, params);
                } catch (XmlRpcException e) {
                    RingFsException failure = translate(method, e);
                    if (failure.code() != ErrorCode.UNAVAILABLE || System.nanoTime() >= deadline) throw failure;
                    sleepBeforeRetry(attempt, failure);
                }
            }
        } finally {
            if (mutation) CURRENT_CALL.remove();
        }
    }

    private static void sleepBeforeRetry(int attempt, RingFsException failure) throws RingFsException {
        try {
            Thread.sleep(Math.min(2000, 100L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private RingFsException translate(String method, XmlRpcException e) {
        if (e.code != 0) {
            return new RingFsException(ErrorCode.ofFault(e.code), e.getMessage());
        }
        if (e instanceof XmlRpcHttpTransportException http && http.getStatusCode() == MetaMethods.WRONG_CLUSTER_STATUS) {
            return new RingFsException(ErrorCode.WRONG_CLUSTER, "meta server " + address + " refused " + method
                    + ": it is not of cluster " + cluster.get() + " (started on another store?)");
        }
        if (e instanceof XmlRpcHttpTransportException http && http.getStatusCode() == 401) {
            return new RingFsException(ErrorCode.UNAUTHENTICATED, "meta server " + address + " refused " + method
                    + ": not signed with this cluster's secret, or stale (HTTP 401)");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return new RingFsException(ErrorCode.UNAVAILABLE,
                        "meta server " + address + " unreachable (" + method + "): " + t.getMessage(), e);
            }
        }
        return new RingFsException(ErrorCode.INTERNAL, "meta call " + method + " failed: " + e.getMessage(), e);
    }

    @Override
    public ClusterMap clusterMap() throws RingFsException {
        ClusterMap map = ClusterMap.fromWire(call(MetaMethods.CLUSTER_MAP));
        if (pinning && !map.clusterId().isEmpty() && !cluster.compareAndSet(null, map.clusterId())
                && !cluster.get().equals(map.clusterId())) {
            throw new RingFsException(ErrorCode.WRONG_CLUSTER, "meta server " + address + " is of cluster "
                    + map.clusterId() + ", this client works with cluster " + cluster.get());
        }
        return map;
    }

    @Override
    public HeartbeatReply heartbeat(Heartbeat heartbeat) throws RingFsException {
        return HeartbeatReply.fromWire(call(MetaMethods.HEARTBEAT, heartbeat.toWire()));
    }

    @Override
    public long allocateGenerations(long session, int count) throws RingFsException {
        return Wire.longOf(call(MetaMethods.ALLOCATE_GENERATIONS, session, count));
    }

    @Override
    public long openSession(String client) throws RingFsException {
        return Wire.longOf(call(MetaMethods.OPEN_SESSION, client));
    }

    @Override
    public void renewSession(long session) throws RingFsException {
        call(MetaMethods.RENEW_SESSION, session);
    }

    @Override
    public void closeSession(long session) throws RingFsException {
        call(MetaMethods.CLOSE_SESSION, session);
    }

    @Override
    public void holdInode(long session, long inode) throws RingFsException {
        call(MetaMethods.HOLD_INODE, session, inode);
    }

    @Override
    public void releaseInodes(long session, List<Long> inodes) throws RingFsException {
        call(MetaMethods.RELEASE_INODES, session, inodes.toArray());
    }

    @Override
    public LiveGenerations liveGenerations() throws RingFsException {
        return LiveGenerations.fromWire(call(MetaMethods.LIVE_GENERATIONS));
    }

    @Override
    public FreedPage freedBlocks(String server, long afterSequence, int max) throws RingFsException {
        return FreedPage.fromWire(call(MetaMethods.FREED_BLOCKS, server, afterSequence, max));
    }

    @Override
    public void replicasVerified(String server, long epoch, long asOfMillis) throws RingFsException {
        call(MetaMethods.REPLICAS_VERIFIED, server, epoch, asOfMillis);
    }

    @Override
    public ClusterMap retire(String server) throws RingFsException {
        return ClusterMap.fromWire(call(MetaMethods.RETIRE, server));
    }

    @Override
    public boolean drainReport(String server, long epoch, long copiesLeft) throws RingFsException {
        return Wire.boolOf(call(MetaMethods.DRAIN_REPORT, server, epoch, copiesLeft));
    }

    @Override
    public StatFs statfs() throws RingFsException {
        return StatFs.fromWire(call(MetaMethods.STATFS));
    }

    @Override
    public InodeAttributes stat(String path) throws RingFsException {
        return InodeAttributes.fromWire(call(MetaMethods.STAT, path));
    }

    @Override
    public InodeAttributes inode(long id) throws RingFsException {
        return InodeAttributes.fromWire(call(MetaMethods.INODE, id));
    }

    @Override
    public List<DirectoryEntry> list(String path) throws RingFsException {
        return Wire.listOf(call(MetaMethods.LIST, path), DirectoryEntry::fromWire);
    }

    @Override
    public InodeAttributes mkdir(String path, int mode, int uid, int gid) throws RingFsException {
        return InodeAttributes.fromWire(call(MetaMethods.MKDIR, path, mode, uid, gid));
    }

    @Override
    public InodeAttributes create(String path, int mode, int uid, int gid, boolean exclusive) throws RingFsException {
        return InodeAttributes.fromWire(call(MetaMethods.CREATE, path, mode, uid, gid, exclusive));
    }

    @Override
    public InodeAttributes mknod(String path, FileType type, int mode, int rdev, int uid, int gid) throws RingFsException {
        return InodeAttributes.fromWire(call(MetaMethods.MKNOD, path, type.name(), mode, rdev, uid, gid));
    }

    @Override
    public InodeAttributes symlink(String path, String target, int uid, int gid) throws RingFsException {
        return InodeAttributes.fromWire(call(MetaMethods.SYMLINK, path, target, uid, gid));
    }

    @Override
    public String readlink(String path) throws RingFsException {
        return Wire.stringOf(call(MetaMethods.READLINK, path));
    }

    @Override
    public InodeAttributes link(String existing, String newPath) throws RingFsException {
        return InodeAttributes.fromWire(call(MetaMethods.LINK, existing, newPath));
    }

    @Override
    public FreedBlocks unlink(String path) throws RingFsException {
        return FreedBlocks.fromWire(call(MetaMethods.UNLINK, path));
    }

    @Override
    public void rmdir(String path) throws RingFsException {
        call(MetaMethods.RMDIR, path);
    }

    @Override
    public FreedBlocks rename(String from, String to) throws RingFsException {
        return FreedBlocks.fromWire(call(MetaMethods.RENAME, from, to));
    }

    @Override
    public InodeAttributes setAttributes(String path, SetAttributes changes) throws RingFsException {
        return InodeAttributes.fromWire(call(MetaMethods.SET_ATTRIBUTES, path, changes.toWire()));
    }

    @Override
    public FileBlocks blocks(long inode, long fromIndex, int maxBlocks) throws RingFsException {
        return FileBlocks.fromWire(call(MetaMethods.BLOCKS, inode, fromIndex, maxBlocks));
    }

    @Override
    public InodeAttributes commit(long session, long inode, long size, long mtimeNanos, List<BlockWrite> blocks)
            throws RingFsException {
        return InodeAttributes.fromWire(call(MetaMethods.COMMIT, session, inode, size, mtimeNanos,
                Wire.array(blocks, BlockWrite::toWire)));
    }

    @Override
    public FreedBlocks truncate(long session, long inode, long size, BlockWrite lastBlock) throws RingFsException {
        Object last = lastBlock == null ? Wire.newStruct() : lastBlock.toWire();
        return FreedBlocks.fromWire(call(MetaMethods.TRUNCATE, session, inode, size, last));
    }

    @Override
    public BlockScanPage scanBlocks(long afterInode, long afterIndex, int maxBlocks) throws RingFsException {
        return BlockScanPage.fromWire(call(MetaMethods.SCAN_BLOCKS, afterInode, afterIndex, maxBlocks));
    }

    @Override
    public void setXattr(String path, String name, byte[] value, int flags) throws RingFsException {
        call(MetaMethods.SET_XATTR, path, name, value, flags);
    }

    @Override
    public byte[] getXattr(String path, String name) throws RingFsException {
        return Wire.bytesOf(call(MetaMethods.GET_XATTR, path, name));
    }

    @Override
    public List<String> listXattrs(String path) throws RingFsException {
        return Wire.listOf(call(MetaMethods.LIST_XATTRS, path), Wire::stringOf);
    }

    @Override
    public void removeXattr(String path, String name) throws RingFsException {
        call(MetaMethods.REMOVE_XATTR, path, name);
    }

    @Override
    public DavLock lock(String path, boolean exclusive, boolean deep, String ownerXml, String principal,
                        long timeoutSeconds) throws RingFsException {
        return DavLock.fromWire(call(MetaMethods.LOCK, path, exclusive, deep, ownerXml, principal, timeoutSeconds));
    }

    @Override
    public DavLock refreshLock(String token, long timeoutSeconds) throws RingFsException {
        return DavLock.fromWire(call(MetaMethods.REFRESH_LOCK, token, timeoutSeconds));
    }

    @Override
    public boolean unlock(String token) throws RingFsException {
        return Wire.boolOf(call(MetaMethods.UNLOCK, token));
    }

    @Override
    public DavLock lockByToken(String token) throws RingFsException {
        return DavLock.fromWire(call(MetaMethods.LOCK_BY_TOKEN, token));
    }

    @Override
    public List<DavLock> locks(String path, boolean below) throws RingFsException {
        return Wire.listOf(call(MetaMethods.LOCKS, path, below), DavLock::fromWire);
    }

    @Override
    public void releaseLocks(String path) throws RingFsException {
        call(MetaMethods.RELEASE_LOCKS, path);
    }
}
