package org.ringfs.api;

import java.util.List;

/**
 * The metadata server's operations, and the meta wire: each method is one XML-RPC call under its
 * {@link RpcMethod} name, its arguments and reply shaped by {@link WireTypes} ({@link MetaCalls} is
 * the table). The server implements it over its namespace store; the client's
 * {@code transport.MetaClient} sends it over XML-RPC. Paths are absolute, '/'-separated,
 * already normalised (no '.', '..' or empty segments); names are at most 255 bytes of UTF-8.
 * Every mutation is one transaction, synced to disk before it returns. Meta checks no permissions:
 * a front checks them (the kernel does, for the mount) before it calls.
 */
public interface MetaService {

    // ---- cluster ----

    @RpcMethod("ringfs.clusterMap")
    ClusterMap clusterMap() throws RingFsException;

    /**
     * A data server's heartbeat; the first one of an unknown name adds it to the ring. A server
     * retired from this cluster is refused (INVALID) and never joins again under that name.
     */
    @RpcMethod("ringfs.heartbeat")
    HeartbeatReply heartbeat(Heartbeat heartbeat) throws RingFsException;

    /**
     * Reserves {@code count} fresh block generations for a writer session and returns the first;
     * they never repeat. They stay pending (their copies are kept) while the session lives;
     * SESSION_EXPIRED when it has ended.
     */
    @RpcMethod(value = "ringfs.allocateGenerations", mutation = true)
    long allocateGenerations(long session, int count) throws RingFsException;

    // ---- writer sessions ----

    /**
     * Opens a writer session for a client (a mount, a WebDAV front, a CLI command) and returns its
     * id. The client renews it every few seconds; meta ends a session it has not heard from for its
     * session timeout, and only then may the copies of its uncommitted generations be deleted.
     */
    @RpcMethod(value = "ringfs.openSession", mutation = true)
    long openSession(String client) throws RingFsException;

    /** Keeps a session alive; SESSION_EXPIRED when meta already ended it. */
    @RpcMethod("ringfs.renewSession")
    void renewSession(long session) throws RingFsException;

    /** Ends a session now: its uncommitted generations become garbage. Closing an ended session is a no-op. */
    @RpcMethod(value = "ringfs.closeSession", mutation = true)
    void closeSession(long session) throws RingFsException;

    /**
     * The session holds the inode open under the client's number {@code hold} (numbers rise within
     * a session): if its last name goes meanwhile, the inode lives on as an orphan (nlink 0, readable
     * and writable by id) until its last hold is released or its last holding session ends. A hold
     * of an inode the session already holds replaces the number, unless it is lower. STALE when the
     * inode is already gone.
     */
    @RpcMethod(value = "ringfs.holdInode", mutation = true)
    void holdInode(long session, long inode, long hold) throws RingFsException;

    /**
     * The session closed these inodes: each release ends the session's hold only if that hold's
     * number is not above the one named (a release that crossed a newer open's hold on the wire ends
     * nothing); an orphan whose last hold this was is freed. Releasing twice is a no-op.
     */
    @RpcMethod(value = "ringfs.releaseInodes", mutation = true)
    void releaseInodes(long session, List<InodeHold> holds) throws RingFsException;

    /** Which generations may still be committed: the rule by which uncommitted copies are garbage. */
    @RpcMethod("ringfs.liveGenerations")
    LiveGenerations liveGenerations() throws RingFsException;

    // ---- data servers' orders ----

    /**
     * Up to {@code max} freed records with a sequence above {@code afterSequence}, for data server
     * {@code server} (meta notes how far each server has applied them).
     */
    @RpcMethod("ringfs.freedBlocks")
    FreedPage freedBlocks(String server, long afterSequence, int max) throws RingFsException;

    /**
     * Up to {@code max} of the freed records meta keeps (those some ring server has not carried out
     * yet, and truncates'), with a sequence above {@code afterSequence}. Unlike {@link #freedBlocks}
     * it notes nobody's progress: fsck reads them to tell a copy awaiting its server's sweep from an
     * orphan.
     */
    @RpcMethod("ringfs.freedRecords")
    FreedPage freedRecords(long afterSequence, int max) throws RingFsException;

    /**
     * A data server reports a reconciliation pass under ring epoch {@code epoch} that found every
     * block placement gives it held and verified, for a block scan that began at meta's time
     * {@code asOfMillis}: meta drops the server from the under-replicated entries recorded before
     * then. Once every server of the current placement has so reported under the current epoch,
     * meta records the blocks written before the earliest of those scans as moved to the current
     * ring (their copies elsewhere may then be deleted: {@code CopyVerdict.MOVED}).
     */
    @RpcMethod(value = "ringfs.replicasVerified", mutation = true)
    void replicasVerified(String server, long epoch, long asOfMillis) throws RingFsException;

    /**
     * Starts retiring data server {@code server} (a new epoch): placement leaves it out, the other
     * servers fetch the copies they now own, it keeps serving reads and deletes nothing, and meta
     * takes it out of the ring once it reports every copy it holds verified on its new targets
     * ({@link #drainReport}). A server whose last heartbeat reported no copies leaves the ring at
     * once. Returns the cluster map after the call. NOT_FOUND when it is not a member; INVALID
     * when fewer than {@code Placement.COPIES} servers would be left to place blocks on. Retiring a
     * server that is already retiring changes nothing.
     */
    @RpcMethod(value = "ringfs.retire", mutation = true)
    ClusterMap retire(String server) throws RingFsException;

    /**
     * A retiring server reports a drain pass under ring epoch {@code epoch}: {@code copiesLeft}
     * of its committed copies are not yet verified on every one of their current targets. With 0,
     * and the epoch still current, meta takes it out of the ring (a new epoch) and returns true;
     * its copies may go only on meta's later word. INVALID when the server is not retiring.
     */
    @RpcMethod(value = "ringfs.drainReport", mutation = true)
    boolean drainReport(String server, long epoch, long copiesLeft) throws RingFsException;

    @RpcMethod("ringfs.statfs")
    StatFs statfs() throws RingFsException;

    // ---- the meta group ----

    /**
     * Every member of the meta group as this member sees it (any member answers, a replica too):
     * a single meta is one member, master of term 0.
     */
    @RpcMethod("ringfs.metaMembers")
    List<MetaMember> metaMembers() throws RingFsException;

    /**
     * Takes member {@code name} out of the meta group (stop its process first, or after): the group's
     * majority is then counted without it. NOT_FOUND when it is not a member; INVALID for the master
     * itself or for a single meta.
     */
    @RpcMethod(value = "ringfs.removeMetaMember", mutation = true)
    void removeMetaMember(String name) throws RingFsException;

    /**
     * A digest of everything this member's store holds about the namespace and its blocks (any member
     * answers, a replica from its own copy): equal digests on every member mean identical namespaces.
     */
    @RpcMethod("ringfs.storeDigest")
    String storeDigest() throws RingFsException;

    // ---- namespace ----

    /** lstat: the attributes of the inode the path names, not following a final symlink. */
    @RpcMethod("ringfs.stat")
    InodeAttributes stat(String path) throws RingFsException;

    /** The attributes of an inode by id: STALE when it no longer exists. */
    @RpcMethod("ringfs.inode")
    InodeAttributes inode(long id) throws RingFsException;

    /** The entries of a directory (without "." and ".."), each with its attributes, sorted by name. */
    @RpcMethod("ringfs.list")
    List<DirectoryEntry> list(String path) throws RingFsException;

    /**
     * {@link #list} in one base64 value instead of an array of structs ({@link PackedListing} gives
     * its versioned layout): the same entries, in the same order, from the same single read
     * transaction. What the client lists with; {@code ringfs.list} stays for older clients and tools.
     */
    @RpcMethod("ringfs.listPacked")
    PackedListing listPacked(String path) throws RingFsException;

    @RpcMethod(value = "ringfs.mkdir", mutation = true)
    InodeAttributes mkdir(String path, int mode, int uid, int gid) throws RingFsException;

    /**
     * Creates a regular file. If the name exists: EXISTS when {@code exclusive}, else the existing
     * inode's attributes when it is a regular file, IS_DIRECTORY when it is a directory. A new file's
     * ctime is the moment its parent's mtime and ctime moved to, and nothing else of the parent moves
     * (the FUSE mount moves its cached parent so after an exclusive create instead of asking again).
     */
    @RpcMethod(value = "ringfs.create", mutation = true)
    InodeAttributes create(String path, int mode, int uid, int gid, boolean exclusive) throws RingFsException;

    /**
     * {@link #create} and {@link #holdInode} of the file it creates or opens, in one transaction:
     * how a client opens a file with O_CREAT. SESSION_EXPIRED (and nothing created) when the session
     * has ended.
     */
    @RpcMethod(value = "ringfs.createHeld", mutation = true)
    InodeAttributes createHeld(long session, long hold, String path, int mode, int uid, int gid, boolean exclusive)
            throws RingFsException;

    /** Creates a FIFO, socket or device node: an inode with no blocks. */
    @RpcMethod(value = "ringfs.mknod", mutation = true)
    InodeAttributes mknod(String path, FileType type, int mode, int rdev, int uid, int gid) throws RingFsException;

    @RpcMethod(value = "ringfs.symlink", mutation = true)
    InodeAttributes symlink(String path, String target, int uid, int gid) throws RingFsException;

    @RpcMethod("ringfs.readlink")
    String readlink(String path) throws RingFsException;

    /** A hard link: a second name for the inode of {@code existing} (not a directory). */
    @RpcMethod(value = "ringfs.link", mutation = true)
    InodeAttributes link(String existing, String newPath) throws RingFsException;

    /**
     * Removes a name that is not a directory; frees the inode's blocks with its last name. Answers
     * the parent as it is after and what was freed.
     */
    @RpcMethod(value = "ringfs.unlink", mutation = true)
    NameRemoved unlink(String path) throws RingFsException;

    /** Removes an empty directory. Answers the parent as it is after (nothing is freed). */
    @RpcMethod(value = "ringfs.rmdir", mutation = true)
    NameRemoved rmdir(String path) throws RingFsException;

    /**
     * POSIX rename(2): atomic, O(1), replaces an existing target of a compatible kind (a file by a
     * file, an empty directory by a directory); INVALID for a directory moved into its own subtree.
     * Returns the blocks of a replaced file whose last name this was.
     */
    @RpcMethod(value = "ringfs.rename", mutation = true)
    FreedBlocks rename(String from, String to) throws RingFsException;

    /** chmod, chown and utimens; moves ctime. */
    @RpcMethod(value = "ringfs.setAttributes", mutation = true)
    InodeAttributes setAttributes(String path, SetAttributes changes) throws RingFsException;

    /**
     * {@link #setAttributes} of an inode by id, named or not: a file held open whose name went (an
     * orphan) or is not the one its opener knows. STALE when the inode no longer exists.
     */
    @RpcMethod(value = "ringfs.setAttributesOf", mutation = true)
    InodeAttributes setAttributesOf(long inode, SetAttributes changes) throws RingFsException;

    // ---- file contents ----

    /** Up to {@code maxBlocks} existing blocks of a file with index >= {@code fromIndex}, and its size. */
    @RpcMethod("ringfs.blocks")
    FileBlocks blocks(long inode, long fromIndex, int maxBlocks) throws RingFsException;

    /**
     * Commits blocks a writer stored on the data servers and grows the size to at least
     * {@code size}; sets mtime (and ctime) to {@code mtimeNanos}. All or nothing: CONFLICT when any
     * block's base generation is not the current one, or when a truncate freed a generation at
     * least as new; SESSION_EXPIRED when a generation is not pending for the live {@code session}.
     */
    @RpcMethod(value = "ringfs.commit", mutation = true)
    InodeAttributes commit(long session, long inode, long size, long mtimeNanos, List<BlockWrite> blocks)
            throws RingFsException;

    /**
     * Commits appended bytes: as {@link #commit}, but only while the file's size is still
     * {@code fromSize}, the end the writer laid them at, and the size becomes exactly {@code size}.
     * Meta holds the one true size, so this is where an append's offset is decided: CONFLICT when
     * the size moved (another client appended, wrote past the end, or truncated), and the writer
     * lays its bytes again at the new end.
     */
    @RpcMethod(value = "ringfs.commitAppend", mutation = true)
    InodeAttributes commitAppend(long session, long inode, long fromSize, long size, long mtimeNanos,
                                 List<BlockWrite> blocks) throws RingFsException;

    /**
     * Sets the size exactly. Blocks wholly past the new size are dropped; {@code lastBlock}, when
     * not null, replaces the block the new size cuts (the writer stored it shortened). Growing
     * leaves a hole that reads as zeros.
     */
    @RpcMethod(value = "ringfs.truncate", mutation = true)
    FreedBlocks truncate(long session, long inode, long size, @Nullable BlockWrite lastBlock) throws RingFsException;

    /** Every committed block of the namespace after (afterInode, afterIndex), in order. */
    @RpcMethod("ringfs.scanBlocks")
    BlockScanPage scanBlocks(long afterInode, long afterIndex, int maxBlocks) throws RingFsException;

    // ---- extended attributes ----

    int XATTR_CREATE = 1;
    int XATTR_REPLACE = 2;

    @RpcMethod(value = "ringfs.setXattr", mutation = true)
    void setXattr(String path, String name, byte[] value, int flags) throws RingFsException;

    /** NO_ATTRIBUTE when absent. */
    @RpcMethod("ringfs.getXattr")
    byte[] getXattr(String path, String name) throws RingFsException;

    @RpcMethod("ringfs.listXattrs")
    List<String> listXattrs(String path) throws RingFsException;

    @RpcMethod(value = "ringfs.removeXattr", mutation = true)
    void removeXattr(String path, String name) throws RingFsException;

    // The xattr calls of an inode by id (see setAttributesOf): STALE when it no longer exists.

    @RpcMethod(value = "ringfs.setXattrOf", mutation = true)
    void setXattrOf(long inode, String name, byte[] value, int flags) throws RingFsException;

    @RpcMethod("ringfs.getXattrOf")
    byte[] getXattrOf(long inode, String name) throws RingFsException;

    @RpcMethod("ringfs.listXattrsOf")
    List<String> listXattrsOf(long inode) throws RingFsException;

    @RpcMethod(value = "ringfs.removeXattrOf", mutation = true)
    void removeXattrOf(long inode, String name) throws RingFsException;

    // ---- WebDAV locks (shared by every front; meta's clock decides expiry) ----

    /**
     * Grants a write lock on {@code path} (which need not exist). LOCKED when an unexpired lock
     * conflicts: one covering path (rooted at it, or deep and rooted at an ancestor) or, for a deep
     * request, one rooted below it, where either lock is exclusive.
     */
    @RpcMethod(value = "ringfs.lock", mutation = true)
    DavLock lock(String path, boolean exclusive, boolean deep, @Nullable String ownerXml, String principal, long timeoutSeconds)
            throws RingFsException;

    /** Restarts a lock's timeout from now; NOT_FOUND when no such unexpired lock exists. */
    @RpcMethod(value = "ringfs.refreshLock", mutation = true)
    DavLock refreshLock(String token, long timeoutSeconds) throws RingFsException;

    /** Removes a lock; false when there was none (or it had expired). */
    @RpcMethod(value = "ringfs.unlock", mutation = true)
    boolean unlock(String token) throws RingFsException;

    /** NOT_FOUND when no such unexpired lock exists. */
    @RpcMethod("ringfs.lockByToken")
    DavLock lockByToken(String token) throws RingFsException;

    /** Unexpired locks covering {@code path}, and with {@code below} also those rooted strictly below it. */
    @RpcMethod("ringfs.locks")
    List<DavLock> locks(String path, boolean below) throws RingFsException;

    /** Drops every lock rooted at or below {@code path} (after a DELETE or a MOVE away). */
    @RpcMethod(value = "ringfs.releaseLocks", mutation = true)
    void releaseLocks(String path) throws RingFsException;
}
