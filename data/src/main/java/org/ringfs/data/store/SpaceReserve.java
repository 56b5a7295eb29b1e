package org.ringfs.data.store;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The free space a store keeps for frees. A write claims its bytes before it touches JE and is
 * refused (NO_SPACE) when the file system's free space, less the writes in flight, would fall
 * under the reserve; deletes claim nothing. Writes in flight count, so that many parallel PUTs
 * cannot each see the same free space.
 */
final class SpaceReserve {
    private static final Logger log = LoggerFactory.getLogger(SpaceReserve.class);

    private final FreeSpace free;
    private final long reserveBytes;
    private final AtomicLong claimed = new AtomicLong();
    /** Whether the last claim was refused: the transitions are logged, not every refusal. */
    private volatile boolean refusing;

    SpaceReserve(FreeSpace free, long reserveBytes) {
        this.free = free;
        this.reserveBytes = reserveBytes;
    }

    /** Bytes of the file system free now. */
    long freeBytes() throws RingFsException {
        try {
            return free.usableBytes();
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot stat the store's file system: " + e.getMessage(), e);
        }
    }

    /** What writes may still use: free bytes less the reserve and the writes in flight, never negative. */
    long availableBytes() throws RingFsException {
        return Math.max(0, freeBytes() - reserveBytes - claimed.get());
    }

    /** Close to the reserve: deletes should hurry JE into giving their space back. */
    boolean nearReserve() throws RingFsException {
        return freeBytes() - claimed.get() < 2 * reserveBytes;
    }

    /** Claims {@code bytes} for a write until the claim is closed; NO_SPACE when they would eat into the reserve. */
    Claim claim(long bytes, String what) throws RingFsException {
        long inFlight = claimed.addAndGet(bytes);
        Claim claim = new Claim(bytes);
        long freeNow;
        try {
            freeNow = freeBytes();
        } catch (RingFsException e) {
            claim.close();
            throw e;
        }
        if (freeNow - inFlight < reserveBytes) {
            claim.close();
            if (!refusing) {
                refusing = true;
                log.warn("store is full: refusing block writes while free space ({} bytes, {} in flight) is under the"
                        + " reserve of {} bytes; deletes still work", freeNow, inFlight - bytes, reserveBytes);
            }
            throw new RingFsException(ErrorCode.NO_SPACE, what + " refused: " + bytes + " bytes would leave "
                    + Math.max(0, freeNow - inFlight) + " bytes free, under the reserve of " + reserveBytes);
        }
        if (refusing) {
            refusing = false;
            log.info("store accepts block writes again: {} bytes free", freeNow);
        }
        return claim;
    }

    /** Bytes claimed for one write. */
    final class Claim implements AutoCloseable {
        private long bytes;

        private Claim(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            claimed.addAndGet(-bytes);
            bytes = 0;
        }
    }
}
