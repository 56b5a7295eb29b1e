package org.ringfs.meta.store;

import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseConfig;
import com.sleepycat.je.DatabaseException;
import com.sleepycat.je.DiskLimitException;
import com.sleepycat.je.Durability;
import com.sleepycat.je.Environment;
import com.sleepycat.je.LockConflictException;
import com.sleepycat.je.Transaction;
import com.sleepycat.je.TransactionConfig;
import com.sleepycat.je.DatabaseNotFoundException;
import com.sleepycat.je.rep.InsufficientAcksException;
import com.sleepycat.je.rep.InsufficientReplicasException;
import com.sleepycat.je.rep.ReplicaConsistencyException;
import com.sleepycat.je.rep.ReplicatedEnvironment;
import com.sleepycat.je.rep.StateChangeException;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileType;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JE environment of meta and its databases. Every mutation is one serializable transaction,
 * synced to disk before {@link #write} returns. Writers take turns: nearly every mutation reads
 * then writes the same hot records (a parent directory, the inode counter), and concurrent JE
 * transactions doing that deadlock on lock upgrades and rerun over and over. The sync is taken
 * out of the turn (group commit): a writer commits to the log without syncing, lets the next
 * writer in, then waits for a sync of the log, which JE shares among every writer waiting. So N
 * writers queued behind one another cost about one sync, not N. A reader may see a mutation a
 * sync before its writer is answered; no writer is answered before its change is on disk.
 * Reads are read-committed and run beside the writer. A lock conflict that still happens (a read timing out behind a slow sync) aborts and
 * reruns the work. A store that has never been formatted is formatted on open: cluster id, root
 * directory, block size, counters, initial ring. A store formatted before cluster ids existed gets
 * one on open.
 */
public final class MetaStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetaStore.class);

    private static final int FORMAT_VERSION = 1;
    private static final int MAX_ATTEMPTS = 20;

    /** The open databases; package-private so only the tables touch JE handles. */
    record Databases(Database inodes, Database entries, Database blocks, Database xattrs, Database cluster,
                     Database underReplicated, Database underReplicatedByServer, Database locks,
                     Database sessions, Database sessionRanges, Database freed, Database freedByInode,
                     Database holds, Database holdsBySession, Database replies, Database repliesByTime) {
        List<Database> all() {
            return List.of(inodes, entries, blocks, xattrs, cluster, underReplicated, underReplicatedByServer, locks,
                    sessions, sessionRanges, freed, freedByInode, holds, holdsBySession, replies, repliesByTime);
        }
    }

    private final StoreEnvironment opener;
    private final Clock clock;
    private final TransactionConfig writeConfig;
    private final TransactionConfig readConfig;
    private final ReentrantLock writer = new ReentrantLock(true);
    /** Replaced only when a member's environment is reopened (see {@link #reopenIfInvalid}). */
    private volatile Environment env;
    private volatile Databases dbs;
    private volatile int blockSize;
    private volatile String clusterId = "";

    /** What a format (or the open of a formatted store) fixed for the store's life. */
    private record Formatted(int blockSize, String clusterId) {}

    private MetaStore(StoreEnvironment opener, Environment env, Clock clock) {
        this.opener = opener;
        this.env = env;
        this.clock = clock;
        // Serializable: next-key locking, so two creates of one name or a create racing an rmdir
        // conflict and one of them reruns against the other's result.
        // Written to the log but not synced at commit: write() syncs after leaving the writers' turn.
        // In a group, a commit also waits for a majority of the members to have it.
        this.writeConfig = new TransactionConfig().setDurability(opener.replicated() ? Replication.DURABILITY
                : Durability.COMMIT_WRITE_NO_SYNC).setSerializableIsolation(true);
        this.readConfig = new TransactionConfig().setReadCommitted(true);
    }

    /** Opens (creating and formatting when empty) the store in {@code options.dir()}. */
    public static MetaStore open(StoreOptions options, Clock clock) throws RingFsException {
        return open(options, clock, null);
    }

    /**
     * Opens the store; in a group ({@code options.replication()} set) {@code member} hears of this
     * member's role changes and answers its app state. Only a master formats: a member that is a
     * replica waits until the master's databases and format record have reached it; a member that
     * already had them opens them with no master known (its group is down to it, or electing).
     */
    public static MetaStore open(StoreOptions options, Clock clock, StoreEnvironment.Member member) throws RingFsException {
        try {
            Files.createDirectories(options.dir());
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot create store directory " + options.dir() + ": " + e.getMessage(), e);
        }
        StoreEnvironment opener = new StoreEnvironment(options);
        opener.member(member);
        Environment env = opener.open();
        MetaStore store = new MetaStore(opener, env, clock);
        try {
            Formatted formatted = store.attach(options);
            if (options.clusterId() != null && !options.clusterId().equals(formatted.clusterId())) {
                throw new RingFsException(ErrorCode.WRONG_CLUSTER, "meta store " + options.dir() + " is of cluster "
                        + formatted.clusterId() + ", not " + options.clusterId());
            }
            store.blockSize = formatted.blockSize();
            store.clusterId = formatted.clusterId();
            return store;
        } catch (RuntimeException | RingFsException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Opens the databases of a freshly opened environment: a single meta or a master creates and
     * formats them; a replica waits for them. Returns what the format fixed.
     */
    private Formatted attach(StoreOptions options) throws RingFsException {
        if (!(env instanceof ReplicatedEnvironment rep)) {
            dbs = openDatabases(env, true);
            return write(txn -> format(txn, options, clock));
        }
        long since = System.nanoTime();
        long lastSaid = since;
        while (true) {
            ReplicatedEnvironment.State state = rep.getState();
            if (state.isMaster()) {
                try {
                    if (dbs == null) dbs = openDatabases(env, true);
                    return write(txn -> format(txn, options, clock));
                } catch (RingFsException e) {
                    if (e.code() != ErrorCode.NOT_MASTER && e.code() != ErrorCode.UNAVAILABLE) throw e;
                    log.info("meta member {}: formatting or checking the store failed ({}); trying again", rep.getNodeName(), e.getMessage());
                }
            } else if (state.isReplica() || state.isUnknown()) {
                // UNKNOWN: a member that had a store opens it without a master (JE's unknown-state
                // timeout), so a group restarted one member at a time comes up: it serves nothing
                // until an election, but it listens and answers NOT_MASTER.
                try {
                    if (dbs == null) dbs = openDatabases(env, false);
                    Formatted f = read(MetaStore::formatted);
                    if (f != null) return f;
                } catch (DatabaseNotFoundException e) {
                    // The master has not created them yet, or they have not reached this member.
                }
            }
            if (System.nanoTime() - lastSaid > 10_000_000_000L) {
                lastSaid = System.nanoTime();
                log.info("meta member {} ({}) waits for the group's master to format the store ({} s so far)",
                        rep.getNodeName(), state, (lastSaid - since) / 1_000_000_000L);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RingFsException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the meta group's master", e);
            }
        }
    }

    /** What a formatted store fixed, read without writing (a replica); null when not formatted yet. */
    private static Formatted formatted(StoreTxn txn) {
        ClusterTable cluster = txn.cluster();
        if (!cluster.isFormatted()) return null;
        return new Formatted(cluster.blockSize(), cluster.clusterId());
    }

    private static Databases openDatabases(Environment env, boolean create) {
        DatabaseConfig dc = new DatabaseConfig();
        dc.setAllowCreate(create);
        dc.setTransactional(true);
        String[] names = {"inodes", "entries", "blocks", "xattrs", "cluster", "underReplicated",
                "underReplicatedByServer", "locks", "sessions", "sessionRanges", "freed", "freedByInode", "holds",
                "holdsBySession", "replies", "repliesByTime"};
        Database[] d = new Database[names.length];
        try {
            for (int i = 0; i < names.length; i++) d[i] = env.openDatabase(null, names[i], dc);
        } catch (RuntimeException e) {
            for (Database opened : d) {
                if (opened != null) closeQuietly(opened);
            }
            throw e;
        }
        return new Databases(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13],
                d[14], d[15]);
    }

    private static void closeQuietly(Database db) {
        try {
            db.close();
        } catch (RuntimeException e) {
            log.debug("closing database {}: {}", db, e.toString());
        }
    }

    /** Formats an empty store; returns the block size and cluster id the store has. */
    private static Formatted format(StoreTxn txn, StoreOptions options, Clock clock) {
        ClusterTable cluster = txn.cluster();
        if (cluster.isFormatted()) {
            long version = cluster.getLong(ClusterTable.FORMAT);
            if (version != FORMAT_VERSION) {
                throw new CorruptRecordException("store format " + version + ", this server reads " + FORMAT_VERSION);
            }
            cluster.addCountersOfSessions();
            cluster.addRingHistory();
            String id = cluster.clusterId();
            if (id.isEmpty()) {
                // Formatted before cluster ids: the data servers record whatever id it gets now.
                id = UUID.randomUUID().toString();
                cluster.putClusterId(id);
                log.warn("meta store {} had no cluster id (formatted before cluster ids): it is now {}", options.dir(), id);
            }
            return new Formatted(cluster.blockSize(), id);
        }
        String id = options.clusterId() != null ? options.clusterId() : UUID.randomUUID().toString();
        cluster.putClusterId(id);
        long now = Nanos.now(clock);
        txn.inodes().put(new InodeRecord(InodeRecord.ROOT_ID, FileType.DIRECTORY, 0755, 0, 0, 0, 2, now, now, now, 0, null));
        cluster.putLong(ClusterTable.FORMAT, FORMAT_VERSION);
        cluster.putLong(ClusterTable.BLOCK_SIZE, options.blockSize());
        cluster.putLong(ClusterTable.NEXT_INODE, InodeRecord.ROOT_ID + 1);
        cluster.putLong(ClusterTable.NEXT_GENERATION, 1);
        cluster.putLong(ClusterTable.EPOCH, 0);
        cluster.addCountersOfSessions();
        cluster.putRing(options.initialRing());
        log.info("formatted meta store {}: a new cluster {}, block size {}, ring {}", options.dir(), id,
                options.blockSize(), options.initialRing());
        return new Formatted(options.blockSize(), id);
    }

    public int blockSize() { return blockSize; }

    /** The cluster id, fixed when the store was formatted. */
    public String clusterId() { return clusterId; }

    /** Runs {@code work} in one transaction, committed and synced to disk before this returns. */
    public <T> T write(TxnWork<T> work) throws RingFsException {
        T result;
        writer.lock();
        try {
            result = run(work, writeConfig);
        } finally {
            writer.unlock();
        }
        syncLog();
        return result;
    }

    /** Syncs the log up to here; concurrent callers share one fsync (JE groups them). */
    private void syncLog() throws RingFsException {
        try {
            env.flushLog(true);
        } catch (DiskLimitException e) {
            throw new RingFsException(ErrorCode.NO_SPACE, "meta store disk is full", e);
        } catch (DatabaseException e) {
            log.error("meta store sync failure", e);
            throw new RingFsException(ErrorCode.IO_ERROR, "meta store sync failure: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in a read-committed transaction; it must not write. */
    public <T> T read(TxnWork<T> work) throws RingFsException {
        return run(work, readConfig);
    }

    private <T> T run(TxnWork<T> work, TransactionConfig config) throws RingFsException {
        for (int attempt = 1; ; attempt++) {
            Transaction txn = null;
            try {
                txn = env.beginTransaction(null, config);
                StoreTxn tables = new StoreTxn(dbs, txn);
                T result = work.run(tables);
                // A mutation a client named by call id keeps its reply in its own transaction.
                if (config == writeConfig) tables.replies().recordIfInCall(result, clock.millis());
                txn.commit();
                txn = null;
                return result;
            } catch (LockConflictException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new RingFsException(ErrorCode.UNAVAILABLE, "meta store too busy: " + attempt + " lock conflicts", e);
                }
                backOff(attempt);
            } catch (DiskLimitException e) {
                throw new RingFsException(ErrorCode.NO_SPACE, "meta store disk is full", e);
            } catch (InsufficientReplicasException | InsufficientAcksException e) {
                // Never success: the client retries under the same call name, and the kept reply answers a retry of a commit that did reach the group.
                throw new RingFsException(ErrorCode.UNAVAILABLE, "too few meta members are up to acknowledge the change "
                        + "(a majority of the group must hold it): " + e.getMessage(), e);
            } catch (StateChangeException e) {
                throw new RingFsException(ErrorCode.NOT_MASTER, "this meta member is not the master (any more)", e);
            } catch (ReplicaConsistencyException e) {
                throw new RingFsException(ErrorCode.UNAVAILABLE, "this meta member has not caught up: " + e.getMessage(), e);
            } catch (DatabaseException e) {
                if (env instanceof ReplicatedEnvironment && !env.isValid()) {
                    log.warn("meta store failure (the member reopens its store): {}", e.toString());
                    throw new RingFsException(ErrorCode.UNAVAILABLE, "this meta member is reopening its store", e);
                }
                log.error("meta store failure", e);
                throw new RingFsException(ErrorCode.IO_ERROR, "meta store failure: " + e.getMessage(), e);
            } finally {
                if (txn != null) abortQuietly(txn);
            }
        }
    }

    private static void abortQuietly(Transaction txn) {
        try {
            txn.abort();
        } catch (RuntimeException e) {
            log.debug("abort after a failure: {}", e.toString());
        }
    }

    private static void backOff(int attempt) throws RingFsException {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 10) * 2L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RingFsException(ErrorCode.UNAVAILABLE, "interrupted while retrying a transaction", e);
        }
    }

    public long inodeCount() { return dbs.inodes().count(); }

    /** The first reply to call {@code id}, as XML-RPC values ({@link CallReplies#VOID} for none), or null. */
    public Object replyOf(String id) throws RingFsException {
        return read(txn -> txn.replies().get(id));
    }

    /**
     * In a group: returns once a majority of the members holds everything this member committed so
     * far, or fails UNAVAILABLE / NOT_MASTER. A commit that was written here but answered UNAVAILABLE
     * (its acknowledgements did not come in time) may be on this member alone; a retry of that call
     * must not be answered from its kept reply until the group holds it. One small replicated commit
     * does it: the group applies the log in order. A single meta returns at once.
     */
    public void awaitMajority() throws RingFsException {
        if (!opener.replicated()) return;
        write(txn -> {
            txn.cluster().touchGroupBarrier(clock.millis());
            return null;
        });
    }

    /** Forgets replies older than {@code age}: a client retries within seconds, not minutes. */
    public int purgeRepliesOlderThan(java.time.Duration age) throws RingFsException {
        long cutoff = clock.millis() - age.toMillis();
        return write(txn -> txn.replies().purgeBefore(cutoff, 10_000));
    }

    public long underReplicatedCount() { return dbs.underReplicated().count(); }

    /** A digest of the namespace and block tables as this copy of the store holds them (see StoreTxn#digest). */
    public String digest() throws RingFsException {
        return read(StoreTxn::digest);
    }

    /** The meta group's latest term this copy of the store knows; 0 for a single meta. */
    public long term() throws RingFsException {
        return read(txn -> txn.cluster().term());
    }

    /** JE's environment under the store now (a new one after a reopen), for the server's metrics. */
    public Environment environment() { return env; }

    /** This member's replicated environment; null for a single meta. */
    public ReplicatedEnvironment replicated() {
        return env instanceof ReplicatedEnvironment rep ? rep : null;
    }

    /**
     * A member whose environment JE invalidated (a rollback of commits the group never acknowledged,
     * a log the group can no longer feed) closes it and opens it again, restoring it from another
     * member when needed. True when it did. A single meta's invalid store stays as it is.
     */
    public boolean reopenIfInvalid() throws RingFsException {
        Environment old = env;
        if (!(old instanceof ReplicatedEnvironment) || old.isValid()) return false;
        writer.lock();
        try {
            if (env != old) return true;
            log.warn("meta store {} became invalid; closing and opening it again", old.getHome());
            closeEnvironment();
            env = opener.open();
            dbs = null;
            Formatted f = attach(opener.options());
            if (!f.clusterId().equals(clusterId)) {
                throw new RingFsException(ErrorCode.WRONG_CLUSTER, "reopened meta store is of cluster " + f.clusterId());
            }
            return true;
        } finally {
            writer.unlock();
        }
    }

    public boolean isValid() { return env.isValid(); }

    /** How many times this member rebuilt its store from another member's log (JE network restore) since it started. */
    public int networkRestores() { return opener.restores(); }

    private void closeEnvironment() {
        Databases d = dbs;
        if (d != null) for (Database db : d.all()) closeQuietly(db);
        try {
            env.close();
        } catch (RuntimeException e) {
            log.warn("closing the meta store: {}", e.toString());
        }
    }

    @Override
    public void close() {
        Databases d = dbs;
        if (d != null) for (Database db : d.all()) db.close();
        env.close();
    }
}
