package org.ringfs.meta.store;

import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseConfig;
import com.sleepycat.je.DatabaseException;
import com.sleepycat.je.DiskLimitException;
import com.sleepycat.je.Durability;
import com.sleepycat.je.Environment;
import com.sleepycat.je.EnvironmentConfig;
import com.sleepycat.je.LockConflictException;
import com.sleepycat.je.Transaction;
import com.sleepycat.je.TransactionConfig;
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

    private final Environment env;
    private final Clock clock;
    private final Databases dbs;
    private final TransactionConfig writeConfig;
    private final TransactionConfig readConfig;
    private final int blockSize;
    private final String clusterId;
    private final ReentrantLock writer = new ReentrantLock(true);

    /** What a format (or the open of a formatted store) fixed for the store's life. */
    private record Formatted(int blockSize, String clusterId) {}

    private MetaStore(Environment env, Databases dbs, Formatted formatted, Clock clock) {
        this.env = env;
        this.clock = clock;
        this.dbs = dbs;
        this.blockSize = formatted.blockSize();
        this.clusterId = formatted.clusterId();
        // Serializable: next-key locking, so two creates of one name or a create racing an rmdir
        // conflict and one of them reruns against the other's result.
        // Written to the log but not synced at commit: write() syncs after leaving the writers' turn.
        this.writeConfig = new TransactionConfig().setDurability(Durability.COMMIT_WRITE_NO_SYNC)
                .setSerializableIsolation(true);
        this.readConfig = new TransactionConfig().setReadCommitted(true);
    }

    /** Opens (creating and formatting when empty) the store in {@code options.dir()}. */
    public static MetaStore open(StoreOptions options, Clock clock) throws RingFsException {
        try {
            Files.createDirectories(options.dir());
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot create store directory " + options.dir() + ": " + e.getMessage(), e);
        }
        EnvironmentConfig ec = new EnvironmentConfig();
        ec.setAllowCreate(true);
        ec.setTransactional(true);
        ec.setDurability(Durability.COMMIT_SYNC);
        ec.setCacheSize(options.cacheBytes());
        ec.setConfigParam(EnvironmentConfig.FREE_DISK, Long.toString(options.freeDiskBytes()));
        Environment env;
        try {
            env = new Environment(options.dir().toFile(), ec);
        } catch (DatabaseException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot open meta store " + options.dir() + ": " + e.getMessage(), e);
        }
        try {
            Databases dbs = openDatabases(env);
            // The block size and id are known only after the format transaction: run it on a provisional handle.
            MetaStore provisional = new MetaStore(env, dbs, new Formatted(0, ""), clock);
            Formatted formatted = provisional.write(txn -> format(txn, options, clock));
            return new MetaStore(env, dbs, formatted, clock);
        } catch (RuntimeException | RingFsException e) {
            env.close();
            throw e;
        }
    }

    private static Databases openDatabases(Environment env) {
        DatabaseConfig dc = new DatabaseConfig();
        dc.setAllowCreate(true);
        dc.setTransactional(true);
        return new Databases(env.openDatabase(null, "inodes", dc), env.openDatabase(null, "entries", dc),
                env.openDatabase(null, "blocks", dc), env.openDatabase(null, "xattrs", dc),
                env.openDatabase(null, "cluster", dc), env.openDatabase(null, "underReplicated", dc),
                env.openDatabase(null, "underReplicatedByServer", dc), env.openDatabase(null, "locks", dc),
                env.openDatabase(null, "sessions", dc), env.openDatabase(null, "sessionRanges", dc),
                env.openDatabase(null, "freed", dc), env.openDatabase(null, "freedByInode", dc),
                env.openDatabase(null, "holds", dc), env.openDatabase(null, "holdsBySession", dc),
                env.openDatabase(null, "replies", dc), env.openDatabase(null, "repliesByTime", dc));
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
        String id = UUID.randomUUID().toString();
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
            } catch (DatabaseException e) {
                log.error("meta store failure", e);
                throw new RingFsException(ErrorCode.IO_ERROR, "meta store failure: " + e.getMessage(), e);
            } finally {
                if (txn != null) txn.abort();
            }
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

    /** Forgets replies older than {@code age}: a client retries within seconds, not minutes. */
    public int purgeRepliesOlderThan(java.time.Duration age) throws RingFsException {
        long cutoff = clock.millis() - age.toMillis();
        return write(txn -> txn.replies().purgeBefore(cutoff, 10_000));
    }

    public long underReplicatedCount() { return dbs.underReplicated().count(); }

    @Override
    public void close() {
        for (Database db : dbs.all()) db.close();
        env.close();
    }
}
