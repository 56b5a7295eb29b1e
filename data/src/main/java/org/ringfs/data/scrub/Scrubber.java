package org.ringfs.data.scrub;

import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.data.store.BlockRecord;
import org.ringfs.data.store.BlockStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Walks the store in key order at a bounded byte rate and re-checks every copy against its stored
 * checksums. A bad copy is deleted (if nobody replaced it meanwhile): reconciliation then fetches a
 * good one from a peer, as for any copy this server should hold and lacks.
 */
public final class Scrubber {
    private static final Logger log = LoggerFactory.getLogger(Scrubber.class);
    private static final int PAGE = 1000;

    private final BlockStore store;
    private final long bytesPerSecond;
    private final AtomicLong corruptFound = new AtomicLong();
    private final AtomicLong scrubbedCopies = new AtomicLong();
    private final AtomicLong scrubbedBytes = new AtomicLong();
    private volatile boolean stopping;
    /** How soon a pass sleeping to keep its rate notices {@link #stop()}. */
    private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** @param bytesPerSecond read rate the scrubber keeps to, so it never starves clients of the disk */
    public Scrubber(BlockStore store, long bytesPerSecond) {
        if (bytesPerSecond <= 0) throw new IllegalArgumentException("scrub rate " + bytesPerSecond);
        this.store = store;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Unhealthy copies found since the server started (the status's {@code corrupt}). */
    public long corruptFound() { return corruptFound.get(); }

    /** Copies checked since the server started, every pass counted (the metrics' scrub progress). */
    public long scrubbedCopies() { return scrubbedCopies.get(); }

    /** Bytes of those copies. */
    public long scrubbedBytes() { return scrubbedBytes.get(); }

    /** Asks a pass in progress to end after the copy it is checking (never by interrupt: see PeriodicTask). */
    public void stop() { stopping = true; }

    /** One pass over every copy; returns early, with what it found so far, when stopped or interrupted. */
    public ScrubReport scrubOnce() throws RingFsException {
        long started = System.nanoTime();
        long scanned = 0;
        long bytes = 0;
        long removed = 0;
        List<ScanResult> findings = new ArrayList<>();
        BlockKey after = null;
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            List<StoredBlock> page = store.list(after, PAGE);
            for (StoredBlock copy : page) {
                ScanResult r = scan(copy);
                if (r == null) continue; // deleted or replaced since it was listed
                scanned++;
                bytes += copy.length();
                scrubbedCopies.incrementAndGet();
                scrubbedBytes.addAndGet(copy.length());
                if (!r.isHealthy()) {
                    findings.add(r);
                    corruptFound.incrementAndGet();
                    if (remove(copy, r)) removed++;
                }
                if (!keepRate(started, bytes)) return new ScrubReport(scanned, bytes, findings, removed);
            }
            if (page.size() < PAGE) break;
            after = page.get(page.size() - 1).key();
        }
        if (!findings.isEmpty()) log.warn("scrub: {} bad copies of {} checked, {} removed", findings.size(), scanned, removed);
        return new ScrubReport(scanned, bytes, findings, removed);
    }

    /** The finding for one copy, or null when it is gone. */
    ScanResult scan(StoredBlock copy) {
        BlockKey key = copy.key();
        BlockRecord record;
        try {
            record = store.record(key);
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.BLOCK_NOT_FOUND || e.code() == ErrorCode.WRONG_GENERATION) return null;
            FailureType type = e.code() == ErrorCode.CORRUPT ? FailureType.BAD_RECORD : FailureType.UNREADABLE;
            return ScanResult.unhealthy(key, type, e.getMessage());
        }
        int bad = record.firstBadChunk();
        if (bad >= 0) return ScanResult.unhealthy(key, FailureType.CORRUPT_CHUNK, "chunk " + bad + " fails its CRC32C");
        if (!record.blockCrcMatches()) return ScanResult.unhealthy(key, FailureType.WRONG_BLOCK_CRC, "whole-block CRC32C differs");
        return ScanResult.healthy(key);
    }

    /** Deletes a bad copy; an unreadable one stays (the store cannot read it to delete it safely). */
    private boolean remove(StoredBlock copy, ScanResult finding) throws RingFsException {
        log.warn("scrub: {} is bad ({}: {})", copy.key(), finding.failure(), finding.detail());
        if (finding.failure() == FailureType.UNREADABLE) return false;
        return store.deleteIfUnchanged(copy);
    }

    /** Sleeps while ahead of the rate; false when stopped or interrupted. */
    private boolean keepRate(long startedNanos, long bytes) {
        long dueNanos = startedNanos + (long) (bytes * 1e9 / bytesPerSecond);
        try {
            for (long ahead = dueNanos - System.nanoTime(); ahead > 0; ahead = dueNanos - System.nanoTime()) {
                if (stopping) return false;
                TimeUnit.NANOSECONDS.sleep(Math.min(ahead, STOP_CHECK_NANOS));
            }
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
