package org.ringfs.data.store;

import com.sleepycat.je.CacheMode;
import com.sleepycat.je.Cursor;
import com.sleepycat.je.CursorConfig;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseConfig;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.DatabaseException;
import com.sleepycat.je.DiskLimitException;
import com.sleepycat.je.Durability;
import com.sleepycat.je.Environment;
import com.sleepycat.je.EnvironmentConfig;
import com.sleepycat.je.EnvironmentFailureException;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;
import org.ringfs.api.BlockData;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.checksum.BlockChecksum;
import org.ringfs.checksum.ChunkChecksums;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Every copy this server holds, in one JE environment with two databases keyed by
 * {@link BlockKeyCodec}: "blocks" holds each copy's {@link BlockRecord} (checksums and bytes),
 * "catalog" its listing (so listings and counts never read the bytes). Both change in one
 * transaction, committed with {@link Durability#COMMIT_SYNC} before a write returns.
 *
 * <p>A write that would leave less free disk than the reserve is refused with NO_SPACE before JE
 * sees it ({@link SpaceReserve}); deletes are never refused for space, and on a store near its
 * reserve they make JE give their space back soon ({@link SpaceReclaimer}).
 *
 * <p>Reads return what is stored without verifying it: the reader checks the chunk checksums.
 */
public final class BlockStore implements AutoCloseable {
    /** Written into the environment directory when JE reports corruption, so the next start moves it aside. */
    public static final String FAILED_MARKER = "RINGFS-STORE-FAILED";

    private static final Logger log = LoggerFactory.getLogger(BlockStore.class);
    /** Blocks deleted per transaction by {@link #deleteFreed}: bounds the locks one transaction holds. */
    private static final int DELETE_BATCH = 1000;
    /** What JE writes for a copy besides its record: keys, the catalog entry, log headers. */
    private static final int WRITE_OVERHEAD_BYTES = 4096;

    private final Path dir;
    private final Environment env;
    private final Database blocks;
    private final Database catalog;
    private final LongSupplier clock;
    private final SpaceReserve space;
    private final SpaceReclaimer reclaimer;
    private final AtomicLong blockCount = new AtomicLong();
    private final AtomicLong byteCount = new AtomicLong();
    // Highest key parts ever held since open (a delete does not lower them): meta compares them with its counters.
    private final AtomicLong maxGeneration = new AtomicLong();
    private final AtomicLong maxInode = new AtomicLong();

    private BlockStore(Path dir, Environment env, Database blocks, Database catalog, LongSupplier clock,
                       SpaceReserve space) {
        this.dir = dir;
        this.env = env;
        this.blocks = blocks;
        this.catalog = catalog;
        this.clock = clock;
        this.space = space;
        this.reclaimer = new SpaceReclaimer(env, dir.toString(), System::currentTimeMillis);
    }

    /**
     * Opens (creating if needed) the store in {@code dir} and reads every key once, which counts the
     * copies and makes JE read its whole index: a damaged store fails here, not on a later read.
     * JE's exceptions pass through unchanged so that {@link StoreOpener} can tell damage from a lock.
     *
     * @param freeSpace the free space the reserve is checked against; null: the file system of {@code dir}
     */
    static BlockStore open(Path dir, StoreSettings settings, LongSupplier clock, FreeSpace freeSpace) throws RingFsException {
        long capacity;
        try {
            capacity = Files.getFileStore(dir).getTotalSpace();
            if (freeSpace == null) freeSpace = FreeSpace.of(dir);
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot stat the file system of " + dir + ": " + e.getMessage(), e);
        }
        EnvironmentConfig config = new EnvironmentConfig()
                .setAllowCreate(true)
                .setTransactional(true)
                .setConfigParam(EnvironmentConfig.MAX_MEMORY, Long.toString(settings.cacheBytes()))
                .setConfigParam(EnvironmentConfig.LOG_FILE_MAX, Long.toString(settings.logFileBytesFor(capacity)))
                .setConfigParam(EnvironmentConfig.FREE_DISK, Long.toString(settings.freeDiskBytes()))
                .setConfigParam(EnvironmentConfig.CONSOLE_LOGGING_LEVEL, "OFF");
        config.setDurability(Durability.COMMIT_SYNC);
        Environment env = new Environment(dir.toFile(), config);
        try {
            DatabaseConfig dbConfig = new DatabaseConfig().setAllowCreate(true).setTransactional(true);
            Database catalog = env.openDatabase(null, "catalog", dbConfig);
            // Values are up to 16 MiB: keep them out of JE's cache once read.
            Database blocks = env.openDatabase(null, "blocks", dbConfig.clone().setCacheMode(CacheMode.EVICT_LN));
            BlockStore store = new BlockStore(dir, env, blocks, catalog, clock,
                    new SpaceReserve(freeSpace, settings.reserveBytes()));
            try {
                store.countAndCheckKeys();
            } catch (RuntimeException | RingFsException e) {
                store.reclaimer.close();
                blocks.close();
                catalog.close();
                throw e;
            }
            return store;
        } catch (RuntimeException | RingFsException e) {
            closeAfterFailedOpen(env, e);
            throw e;
        }
    }

    private static void closeAfterFailedOpen(Environment env, Exception cause) {
        try {
            env.close();
        } catch (DatabaseException closeFailure) {
            cause.addSuppressed(closeFailure);
        }
    }

    /** One pass over both databases' keys: they must hold the same keys, and every listing must decode. */
    private void countAndCheckKeys() throws RingFsException {
        long count = 0;
        long bytes = 0;
        try (Cursor c = catalog.openCursor(null, CursorConfig.READ_COMMITTED);
             Cursor b = blocks.openCursor(null, CursorConfig.READ_COMMITTED)) {
            DatabaseEntry key = new DatabaseEntry();
            DatabaseEntry value = new DatabaseEntry();
            DatabaseEntry blockKey = new DatabaseEntry();
            DatabaseEntry noData = keyOnly();
            while (c.getNext(key, value, LockMode.DEFAULT) == OperationStatus.SUCCESS) {
                BlockKey k = BlockKeyCodec.decode(key.getData(), key.getOffset(), key.getSize());
                StoredBlock listing = CatalogCodec.decode(k, value.getData(), value.getOffset(), value.getSize());
                if (b.getNext(blockKey, noData, LockMode.DEFAULT) != OperationStatus.SUCCESS
                        || !Arrays.equals(key.getData(), blockKey.getData())) {
                    throw new RingFsException(ErrorCode.CORRUPT, "catalog and blocks disagree at " + k);
                }
                count++;
                bytes += listing.length();
                maxGeneration.accumulateAndGet(k.generation(), Math::max);
                maxInode.accumulateAndGet(k.inode(), Math::max);
            }
            if (b.getNext(blockKey, noData, LockMode.DEFAULT) == OperationStatus.SUCCESS) {
                throw new RingFsException(ErrorCode.CORRUPT, "blocks holds copies the catalog does not list");
            }
        }
        blockCount.set(count);
        byteCount.set(bytes);
    }

    public Path directory() { return dir; }

    /** JE's environment under the store, for its figures in the server's metrics. */
    public Environment environment() { return env; }

    public long blockCount() { return blockCount.get(); }

    public long byteCount() { return byteCount.get(); }

    /** The highest generation of any copy stored since the store was opened; 0 when none. */
    public long maxGeneration() { return maxGeneration.get(); }

    /** The highest inode id of any copy stored since the store was opened; 0 when none. */
    public long maxInode() { return maxInode.get(); }

    public long capacityBytes() throws RingFsException {
        try {
            return fileStore().getTotalSpace();
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot stat the store's file system: " + e.getMessage(), e);
        }
    }

    /** Free bytes of the store's file system. */
    public long freeBytes() throws RingFsException {
        return space.freeBytes();
    }

    /**
     * What block writes may still use: the file system's free bytes less the reserve kept for frees
     * (like the blocks ext4 reserves for root, which df does not count as available).
     */
    public long availableBytes() throws RingFsException {
        return space.availableBytes();
    }

    /** NO_SPACE when a copy of {@code length} bytes would not be accepted now: checked before fetching one. */
    public void requireRoomFor(long length) throws RingFsException {
        claimSpace(length, "a copy of " + length + " bytes").close();
    }

    private FileStore fileStore() throws IOException {
        return Files.getFileStore(dir);
    }

    // ---- writes ----

    /**
     * Stores a copy after checking its bytes against {@code chunkCrcs}: CHECKSUM_MISMATCH stores
     * nothing. Replaces an existing copy of the same key. Returns the copy's listing.
     */
    public StoredBlock put(BlockKey key, byte[] bytes, int length, int chunkSize, int[] chunkCrcs) throws RingFsException {
        if (length < 0 || length > bytes.length || chunkSize <= 0) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "bad length " + length + " or chunk size " + chunkSize);
        }
        if (length > BlockProtocol.MAX_BLOCK_SIZE) {
            throw new RingFsException(ErrorCode.TOO_LARGE, "block of " + length + " bytes exceeds " + BlockProtocol.MAX_BLOCK_SIZE);
        }
        if (!ChunkChecksums.matches(bytes, length, chunkSize, chunkCrcs)) {
            throw new RingFsException(ErrorCode.CHECKSUM_MISMATCH, "bytes of " + key + " do not match their chunk checksums");
        }
        StoredBlock listing = new StoredBlock(key, length, BlockChecksum.DEFAULT.of(bytes, 0, length), clock.getAsLong());
        byte[] record = BlockRecord.encode(listing.storedAtMillis(), bytes, length, chunkSize, listing.crc32c(), chunkCrcs);
        DatabaseEntry k = new DatabaseEntry(BlockKeyCodec.encode(key));
        Optional<StoredBlock> replaced;
        try (SpaceReserve.Claim claim = claimSpace(record.length, "put " + key)) {
            replaced = inTransaction("put " + key, txn -> {
                Optional<StoredBlock> old = listing(txn, k, key, LockMode.RMW);
                blocks.put(txn, k, new DatabaseEntry(record));
                catalog.put(txn, k, new DatabaseEntry(CatalogCodec.encode(listing)));
                return old;
            });
        }
        if (replaced.isEmpty()) blockCount.incrementAndGet();
        byteCount.addAndGet(length - replaced.map(StoredBlock::length).orElse(0));
        maxGeneration.accumulateAndGet(key.generation(), Math::max);
        maxInode.accumulateAndGet(key.inode(), Math::max);
        return listing;
    }

    private SpaceReserve.Claim claimSpace(long recordBytes, String what) throws RingFsException {
        try {
            return space.claim(recordBytes + WRITE_OVERHEAD_BYTES, what);
        } catch (RingFsException e) {
            // Deleted copies may still hold the space: JE's cleaner alone might not give it back soon.
            if (e.code() == ErrorCode.NO_SPACE) reclaimer.afterRefusal();
            throw e;
        }
    }

    /** After deletes: near the reserve, have JE give the space back now rather than some day. */
    private void deleted(long copies) {
        if (copies == 0) return;
        try {
            if (space.nearReserve()) reclaimer.afterDelete();
        } catch (RingFsException e) {
            log.warn("block store: {}", e.getMessage());
        }
    }

    /** Deletes one copy; true when there was one. */
    public boolean delete(BlockKey key) throws RingFsException {
        return deleteMatching(key, null);
    }

    /**
     * Deletes the copy {@code seen} describes only if it is still that copy (same stored-at and
     * checksum): a writer may have replaced it since it was looked at.
     */
    public boolean deleteIfUnchanged(StoredBlock seen) throws RingFsException {
        return deleteMatching(seen.key(), seen);
    }

    private boolean deleteMatching(BlockKey key, StoredBlock expected) throws RingFsException {
        DatabaseEntry k = new DatabaseEntry(BlockKeyCodec.encode(key));
        Optional<StoredBlock> deleted = inTransaction("delete " + key, txn -> {
            Optional<StoredBlock> old = listing(txn, k, key, LockMode.RMW);
            if (old.isEmpty() || (expected != null && !expected.equals(old.get()))) return Optional.<StoredBlock>empty();
            blocks.delete(txn, k);
            catalog.delete(txn, k);
            return old;
        });
        deleted.ifPresent(this::uncount);
        deleted(deleted.isPresent() ? 1 : 0);
        return deleted.isPresent();
    }

    /**
     * Carries out one of meta's freed records: deletes every copy of a block of its inode with index
     * in its range and generation at most its highest; returns how many.
     */
    public long deleteFreed(FreedRecord freed) throws RingFsException {
        long inode = freed.inode();
        if (inode <= 0 || freed.fromIndex() < 0) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "bad freed record " + freed);
        }
        long total = 0;
        while (true) {
            List<StoredBlock> batch = inTransaction("delete freed " + freed, txn -> {
                List<StoredBlock> gone = new ArrayList<>();
                try (Cursor c = catalog.openCursor(txn, null)) {
                    DatabaseEntry key = new DatabaseEntry(BlockKeyCodec.encode(inode, freed.fromIndex(), 0));
                    DatabaseEntry value = new DatabaseEntry();
                    OperationStatus s = c.getSearchKeyRange(key, value, LockMode.RMW);
                    while (s == OperationStatus.SUCCESS && gone.size() < DELETE_BATCH
                            && BlockKeyCodec.inode(key.getData(), key.getOffset()) == inode) {
                        BlockKey k = BlockKeyCodec.decode(key.getData(), key.getOffset(), key.getSize());
                        if (k.index() >= freed.toIndex()) break;
                        if (freed.covers(k)) {
                            gone.add(CatalogCodec.decode(k, value.getData(), value.getOffset(), value.getSize()));
                            c.delete();
                            blocks.delete(txn, new DatabaseEntry(BlockKeyCodec.encode(k)));
                        }
                        s = c.getNext(key, value, LockMode.RMW);
                    }
                }
                return gone;
            });
            batch.forEach(this::uncount);
            total += batch.size();
            if (batch.size() < DELETE_BATCH) {
                deleted(total);
                return total;
            }
        }
    }

    private void uncount(StoredBlock gone) {
        blockCount.decrementAndGet();
        byteCount.addAndGet(-gone.length());
    }

    /**
     * Flips byte {@code offset} of a stored copy and keeps its checksums, so that readers and the
     * scrubber find a corrupt copy. For tests of repair only; the caller checks it is allowed.
     */
    public void corrupt(BlockKey key, int offset) throws RingFsException {
        BlockRecord record = record(key);
        if (offset < 0 || offset >= record.length()) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "offset " + offset + " is outside copy " + key + " of " + record.length() + " bytes");
        }
        byte[] damaged = record.encodeWithFlippedByte(offset);
        DatabaseEntry k = new DatabaseEntry(BlockKeyCodec.encode(key));
        inTransaction("corrupt " + key, txn -> blocks.put(txn, k, new DatabaseEntry(damaged)));
    }

    // ---- reads ----

    /** The whole copy. */
    public BlockData get(BlockKey key) throws RingFsException {
        return slice(key, 0, Integer.MAX_VALUE).copy();
    }

    /** As {@link #slice}, copied out of the record. */
    public BlockData read(BlockKey key, int offset, int length) throws RingFsException {
        return slice(key, offset, length).copy();
    }

    /**
     * The chunks covering [offset, offset + length) of a copy, clipped to its end: the start is
     * rounded down and the end up to whole chunks, so the reader can check every byte it gets.
     */
    public BlockSlice slice(BlockKey key, int offset, int length) throws RingFsException {
        if (offset < 0 || length < 0) throw new RingFsException(ErrorCode.BAD_REQUEST, "negative offset or length");
        BlockRecord r = record(key);
        if (offset > r.length()) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "offset " + offset + " is past the end of copy " + key
                    + " (" + r.length() + " bytes)");
        }
        int cs = r.chunkSize();
        int firstChunk = offset / cs;
        int start = firstChunk * cs;
        long wantedEnd = Math.min((long) offset + length, r.length());
        int endChunk = wantedEnd <= start ? firstChunk : (int) ((wantedEnd + cs - 1) / cs);
        int end = (int) Math.min((long) endChunk * cs, r.length());
        return new BlockSlice(key, r.bytes(start, end - start), start, r.length(), cs,
                r.chunkCrcs(firstChunk, endChunk - firstChunk));
    }

    /** Re-reads a copy and checks it against its stored checksums: its listing, or CORRUPT. */
    public StoredBlock verify(BlockKey key) throws RingFsException {
        BlockRecord r = record(key);
        int bad = r.firstBadChunk();
        if (bad >= 0) throw new RingFsException(ErrorCode.CORRUPT, "copy " + key + " fails the checksum of chunk " + bad);
        if (!r.blockCrcMatches()) throw new RingFsException(ErrorCode.CORRUPT, "copy " + key + " fails its block checksum");
        return r.listing();
    }

    /**
     * The stored record of a copy: BLOCK_NOT_FOUND when absent, WRONG_GENERATION when another
     * generation of the block is held, CORRUPT when the record does not decode.
     */
    public BlockRecord record(BlockKey key) throws RingFsException {
        DatabaseEntry k = new DatabaseEntry(BlockKeyCodec.encode(key));
        DatabaseEntry value = new DatabaseEntry();
        OperationStatus s = guardChecked("read " + key, () -> blocks.get(null, k, value, LockMode.READ_COMMITTED));
        if (s != OperationStatus.SUCCESS) throw absent(key);
        return BlockRecord.decode(key, value.getData(), value.getOffset(), value.getSize());
    }

    /** The listing of a copy, if held. */
    public Optional<StoredBlock> listing(BlockKey key) throws RingFsException {
        DatabaseEntry k = new DatabaseEntry(BlockKeyCodec.encode(key));
        return guardChecked("look up " + key, () -> listing(null, k, key, LockMode.READ_COMMITTED));
    }

    private Optional<StoredBlock> listing(Transaction txn, DatabaseEntry k, BlockKey key, LockMode mode) throws RingFsException {
        DatabaseEntry value = new DatabaseEntry();
        if (catalog.get(txn, k, value, mode) != OperationStatus.SUCCESS) return Optional.empty();
        return Optional.of(CatalogCodec.decode(key, value.getData(), value.getOffset(), value.getSize()));
    }

    /** WRONG_GENERATION naming the highest generation held of the block, or BLOCK_NOT_FOUND. */
    private RingFsException absent(BlockKey key) throws RingFsException {
        long held = guardChecked("look up " + key, () -> {
            long highest = 0;
            try (Cursor c = catalog.openCursor(null, CursorConfig.READ_COMMITTED)) {
                DatabaseEntry k = new DatabaseEntry(BlockKeyCodec.encode(key.inode(), key.index(), 0));
                DatabaseEntry noData = keyOnly();
                OperationStatus s = c.getSearchKeyRange(k, noData, LockMode.DEFAULT);
                while (s == OperationStatus.SUCCESS && BlockKeyCodec.inode(k.getData(), k.getOffset()) == key.inode()
                        && BlockKeyCodec.index(k.getData(), k.getOffset()) == key.index()) {
                    highest = BlockKeyCodec.decode(k.getData(), k.getOffset(), k.getSize()).generation();
                    s = c.getNext(k, noData, LockMode.DEFAULT);
                }
            }
            return highest;
        });
        if (held > 0) return new WrongGenerationException(key, held);
        return new RingFsException(ErrorCode.BLOCK_NOT_FOUND, "no copy of " + key);
    }

    /** Up to {@code limit} listings after {@code after} (null: from the first), in key order. */
    public List<StoredBlock> list(BlockKey after, int limit) throws RingFsException {
        if (limit <= 0) return List.of();
        return guardChecked("list", () -> {
            List<StoredBlock> out = new ArrayList<>(Math.min(limit, 1024));
            try (Cursor c = catalog.openCursor(null, CursorConfig.READ_COMMITTED)) {
                DatabaseEntry key = new DatabaseEntry();
                DatabaseEntry value = new DatabaseEntry();
                OperationStatus s;
                if (after == null) {
                    s = c.getNext(key, value, LockMode.DEFAULT);
                } else {
                    key.setData(BlockKeyCodec.encode(after));
                    s = c.getSearchKeyRange(key, value, LockMode.DEFAULT);
                    if (s == OperationStatus.SUCCESS && Arrays.equals(key.getData(), BlockKeyCodec.encode(after))) {
                        s = c.getNext(key, value, LockMode.DEFAULT);
                    }
                }
                while (s == OperationStatus.SUCCESS && out.size() < limit) {
                    BlockKey k = BlockKeyCodec.decode(key.getData(), key.getOffset(), key.getSize());
                    out.add(CatalogCodec.decode(k, value.getData(), value.getOffset(), value.getSize()));
                    s = c.getNext(key, value, LockMode.DEFAULT);
                }
            }
            return out;
        });
    }

    private static DatabaseEntry keyOnly() {
        DatabaseEntry e = new DatabaseEntry();
        e.setPartial(0, 0, true);
        return e;
    }

    // ---- JE plumbing ----

    @FunctionalInterface
    private interface TxnWork<T> {
        T run(Transaction txn) throws RingFsException;
    }

    @FunctionalInterface
    private interface StoreRead<T> {
        T run() throws RingFsException;
    }

    private <T> T inTransaction(String what, TxnWork<T> work) throws RingFsException {
        refuseIfInterrupted(what);
        Transaction txn = null;
        try {
            txn = env.beginTransaction(null, null);
            T result = work.run(txn);
            txn.commit(); // the environment's durability: COMMIT_SYNC
            txn = null;
            return result;
        } catch (DatabaseException e) {
            throw failure(what, e);
        } finally {
            if (txn != null) abort(txn, what);
        }
    }

    private void abort(Transaction txn, String what) {
        try {
            txn.abort();
        } catch (DatabaseException e) {
            log.warn("block store: abort after a failed {} failed too: {}", what, e.toString());
        }
    }

    private <T> T guardChecked(String what, StoreRead<T> read) throws RingFsException {
        refuseIfInterrupted(what);
        try {
            return read.run();
        } catch (DatabaseException e) {
            throw failure(what, e);
        }
    }

    /**
     * JE invalidates the whole environment when it meets an interrupted thread. A background job
     * being stopped is interrupted, and a blocking socket read (a peer fetch) does not end at the
     * interrupt: the job carries the flag on into its next store call. It is refused here, before
     * JE sees it.
     */
    private static void refuseIfInterrupted(String what) throws RingFsException {
        if (Thread.currentThread().isInterrupted()) {
            throw new RingFsException(ErrorCode.UNAVAILABLE, "block store: " + what + " refused: the calling thread is being stopped");
        }
    }

    /**
     * NO_SPACE when JE's own free-disk floor refused (not damage: the disk is full); IO_ERROR for any
     * other JE failure, and a corrupt environment also leaves a marker so the next start moves it aside.
     */
    private RingFsException failure(String what, DatabaseException e) {
        if (e instanceof DiskLimitException) {
            return new RingFsException(ErrorCode.NO_SPACE, "block store: " + what + " refused, the disk is full: "
                    + e.getMessage(), e);
        }
        if (e instanceof EnvironmentFailureException efe && efe.isCorrupted()) markFailed(efe);
        return new RingFsException(ErrorCode.IO_ERROR, "block store: " + what + " failed: " + e.getMessage(), e);
    }

    private void markFailed(EnvironmentFailureException e) {
        Path marker = dir.resolve(FAILED_MARKER);
        log.error("block store in {} is corrupt; it will be moved aside at the next start: {}", dir, e.toString());
        try {
            Files.writeString(marker, e.toString() + "\n", StandardCharsets.UTF_8);
        } catch (IOException io) {
            log.error("cannot write {}: {}", marker, io.toString());
        }
    }

    @Override
    public void close() throws RingFsException {
        reclaimer.close();
        try {
            blocks.close();
            catalog.close();
            env.close();
        } catch (DiskLimitException e) {
            // JE closes the environment all the same; only its final checkpoint found no room.
            log.warn("block store in {} closed without a final checkpoint: the disk is full", dir);
        } catch (DatabaseException e) {
            throw failure("close", e);
        }
    }
}
