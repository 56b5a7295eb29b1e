package org.ringfs.api;

/**
 * The XML-RPC method names of {@link MetaService}, and the rules of that wire.
 *
 * <ul>
 *   <li>Endpoint: {@code POST http://HOST:PORT/xmlrpc}.</li>
 *   <li>Parameters are positional, in the order of the {@link MetaService} method; value types go
 *       as the structs of their {@code toWire()}; longs are i8 (the XML-RPC extension), byte[] is
 *       base64, lists are arrays, a null BlockWrite is an empty struct.</li>
 *   <li>Errors are faults whose code is {@link ErrorCode#faultCode()} and whose string is the
 *       message. Nothing else rides a fault: no exception, no stack trace.</li>
 *   <li>No Java serialization in either direction, and no DOCTYPE in a request.</li>
 * </ul>
 */
public final class MetaMethods {
    private MetaMethods() {}

    /** Version of this wire; a server refuses a client of another major version. */
    public static final int WIRE_VERSION = 1;

    public static final String PATH = "/xmlrpc";

    /**
     * Header naming the cluster id a client works with, once it knows it. Meta answers a call whose
     * header names another cluster with HTTP {@link #WRONG_CLUSTER_STATUS} and does nothing: a client
     * never writes into (or reads from) a meta of another cluster, such as one started on an empty store.
     */
    public static final String CLUSTER_HEADER = "X-RingFS-Cluster";
    /** 421 Misdirected Request: this meta does not speak for the cluster the call names. */
    public static final int WRONG_CLUSTER_STATUS = 421;

    /**
     * Header naming a mutating call ({@code CLIENT:SEQUENCE}, unique per client process). Meta keeps
     * the reply of a named call for minutes, written with the mutation, and answers a retry of the
     * same call with it instead of executing it again.
     */
    public static final String CALL_HEADER = "X-RingFS-Call";

    public static final String CLUSTER_MAP = "ringfs.clusterMap";
    public static final String HEARTBEAT = "ringfs.heartbeat";
    public static final String ALLOCATE_GENERATIONS = "ringfs.allocateGenerations";
    public static final String OPEN_SESSION = "ringfs.openSession";
    public static final String RENEW_SESSION = "ringfs.renewSession";
    public static final String CLOSE_SESSION = "ringfs.closeSession";
    public static final String HOLD_INODE = "ringfs.holdInode";
    public static final String RELEASE_INODES = "ringfs.releaseInodes";
    public static final String LIVE_GENERATIONS = "ringfs.liveGenerations";
    public static final String FREED_BLOCKS = "ringfs.freedBlocks";
    public static final String REPLICAS_VERIFIED = "ringfs.replicasVerified";
    public static final String RETIRE = "ringfs.retire";
    public static final String DRAIN_REPORT = "ringfs.drainReport";
    public static final String STATFS = "ringfs.statfs";
    public static final String STAT = "ringfs.stat";
    public static final String INODE = "ringfs.inode";
    public static final String LIST = "ringfs.list";
    public static final String MKDIR = "ringfs.mkdir";
    public static final String CREATE = "ringfs.create";
    public static final String MKNOD = "ringfs.mknod";
    public static final String SYMLINK = "ringfs.symlink";
    public static final String READLINK = "ringfs.readlink";
    public static final String LINK = "ringfs.link";
    public static final String UNLINK = "ringfs.unlink";
    public static final String RMDIR = "ringfs.rmdir";
    public static final String RENAME = "ringfs.rename";
    public static final String SET_ATTRIBUTES = "ringfs.setAttributes";
    public static final String BLOCKS = "ringfs.blocks";
    public static final String COMMIT = "ringfs.commit";
    public static final String COMMIT_APPEND = "ringfs.commitAppend";
    public static final String TRUNCATE = "ringfs.truncate";
    public static final String SCAN_BLOCKS = "ringfs.scanBlocks";
    public static final String SET_XATTR = "ringfs.setXattr";
    public static final String GET_XATTR = "ringfs.getXattr";
    public static final String LIST_XATTRS = "ringfs.listXattrs";
    public static final String REMOVE_XATTR = "ringfs.removeXattr";
    public static final String LOCK = "ringfs.lock";
    public static final String REFRESH_LOCK = "ringfs.refreshLock";
    public static final String UNLOCK = "ringfs.unlock";
    public static final String LOCK_BY_TOKEN = "ringfs.lockByToken";
    public static final String LOCKS = "ringfs.locks";
    public static final String RELEASE_LOCKS = "ringfs.releaseLocks";

    /** The methods that change meta's store: their calls are named and their replies kept for retries. */
    public static final java.util.Set<String> MUTATIONS = java.util.Set.of(ALLOCATE_GENERATIONS, OPEN_SESSION,
            CLOSE_SESSION, HOLD_INODE, RELEASE_INODES, MKDIR, CREATE, MKNOD, SYMLINK, LINK, UNLINK, RMDIR, RENAME,
            SET_ATTRIBUTES, COMMIT, COMMIT_APPEND, TRUNCATE, SET_XATTR, REMOVE_XATTR, LOCK, REFRESH_LOCK, UNLOCK, RELEASE_LOCKS,
            REPLICAS_VERIFIED, RETIRE, DRAIN_REPORT);

    /** Longest name in a directory, in bytes of UTF-8. */
    public static final int NAME_MAX = 255;
    /** Longest symlink target, in bytes of UTF-8: the kernel's PATH_MAX, which symlink(2) enforces too. */
    public static final int PATH_MAX = 4096;
    /**
     * Longest path meta resolves, in bytes of UTF-8. Longer than PATH_MAX on purpose: PATH_MAX bounds
     * one system call's argument, and a process whose working directory lies deep in a mount reaches
     * further with relative names, which a FUSE mount receives as paths from its root (Linux allows
     * any depth). 64 KiB is 256 levels of 255-byte names, and bounds the work one call may ask for.
     */
    public static final int MAX_PATH_BYTES = 64 * 1024;
    /** Largest XML-RPC request body meta accepts. */
    public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    /** Largest xattr value. */
    public static final int XATTR_VALUE_MAX = 64 * 1024;
}
