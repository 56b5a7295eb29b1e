package org.ringfs.client;

import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockPayload;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.repair.ServerDirectory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * One block copy being PUT to each of its targets in parallel, and the tally of acknowledgements.
 * A target that is down is retried every {@link Deadline#RETRY_PAUSE} until the deadline; a
 * checksum mismatch (bytes damaged on the way) is resent once; any other refusal fails that target.
 * A full target (NO_SPACE) is such a refusal, not a server to wait for: once refusals leave too few
 * targets for the policy, the write fails at once with NO_SPACE, however long the write wait.
 */
final class ReplicaPuts {
    /** Once a quorum has acked, how long a copy still in flight may take before it is left to repair. */
    static final long STRAGGLER_WAIT_MILLIS = 500;

    private final ServerDirectory servers;
    private final BlockKey key;
    private final BlockPayload payload;
    private final List<String> targets;
    private final Deadline deadline;

    private final List<String> acked = new ArrayList<>();
    private final Map<String, RingFsException> failed = new LinkedHashMap<>();
    /** Targets that were found down at least once and are being retried. */
    private final Set<String> retrying = new HashSet<>();
    private volatile boolean abandoned;
    private final CompletableFuture<Void> allEnded = new CompletableFuture<>();

    ReplicaPuts(ServerDirectory servers, BlockKey key, byte[] bytes, int length, int[] chunkCrcs,
                List<String> targets, Deadline deadline) {
        this.servers = servers;
        this.key = key;
        this.payload = new BlockPayload(bytes, length, BlockProtocol.DEFAULT_CHUNK_SIZE, chunkCrcs);
        this.targets = targets;
        this.deadline = deadline;
    }

    void start(ExecutorService calls) {
        for (String target : targets) calls.execute(() -> putUntilSettled(target));
    }

    /** Completes when every target's PUT has ended: acknowledged, refused, or given up. */
    CompletableFuture<Void> allEnded() { return allEnded; }

    /**
     * Waits until {@code needed} targets acked, and returns them; TIMED_OUT when the deadline passed
     * first, or the refusal that made {@code needed} impossible, as soon as it did.
     */
    List<String> await(int needed) throws RingFsException {
        synchronized (this) {
            while (acked.size() < needed && targets.size() - failed.size() >= needed) waitABit(1000);
            if (acked.size() >= needed) {
                long until = System.nanoTime() + STRAGGLER_WAIT_MILLIS * 1_000_000;
                while (acked.size() + failed.size() + retrying.size() < targets.size() && System.nanoTime() < until) {
                    waitABit(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                }
                abandoned = true; // stragglers stop retrying; meta learns the block is under-replicated
                return List.copyOf(acked);
            }
            abandoned = true;
            throw failure(needed);
        }
    }

    /** A full target decides the code: freeing space is what the caller can do about it. */
    private RingFsException failure(int needed) {
        RingFsException refusal = null;
        List<String> full = new ArrayList<>();
        for (Map.Entry<String, RingFsException> e : failed.entrySet()) {
            if (e.getValue().code() == ErrorCode.NO_SPACE) full.add(e.getKey());
            if (e.getValue().code() != ErrorCode.UNAVAILABLE && (refusal == null || refusal.code() != ErrorCode.NO_SPACE)) {
                refusal = e.getValue();
            }
        }
        String what = "block " + key + ": " + acked.size() + " of " + needed + " copies acknowledged " + acked
                + ", failed " + failed.keySet();
        RingFsException out;
        if (!full.isEmpty()) {
            out = new RingFsException(ErrorCode.NO_SPACE, "no space left on data server" + (full.size() > 1 ? "s " : " ")
                    + String.join(", ", full) + " (" + what + "): " + refusal.getMessage(), refusal);
        } else if (refusal != null) {
            out = new RingFsException(refusal.code(), what + ": " + refusal.getMessage(), refusal);
        } else {
            out = new RingFsException(ErrorCode.TIMED_OUT, what + " within the write wait");
        }
        failed.values().stream().filter(e -> e != out.getCause()).forEach(out::addSuppressed);
        return out;
    }

    private void waitABit(long millis) throws RingFsException {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            abandoned = true;
            Thread.currentThread().interrupt();
            throw new RingFsException(ErrorCode.IO_ERROR, "interrupted while writing block " + key, e);
        }
    }

    private void putUntilSettled(String target) {
        boolean resent = false;
        while (true) {
            try {
                servers.service(target).put(key, payload);
                settle(target, null);
                return;
            } catch (RingFsException e) {
                if (e.code() == ErrorCode.CHECKSUM_MISMATCH && !resent) {
                    resent = true;
                    continue;
                }
                if (e.code() != ErrorCode.UNAVAILABLE || deadline.expired() || abandoned) {
                    settle(target, e);
                    return;
                }
                servers.reportFailure(target);
                markRetrying(target);
                try {
                    deadline.pause();
                } catch (RingFsException interrupted) {
                    settle(target, interrupted);
                    return;
                }
                if (abandoned) { // given up during the pause: one more PUT would only leave a stray copy
                    settle(target, e);
                    return;
                }
            }
        }
    }

    private synchronized void markRetrying(String target) {
        if (retrying.add(target)) notifyAll();
    }

    private synchronized void settle(String target, RingFsException failure) {
        retrying.remove(target);
        if (failure == null) acked.add(target);
        else failed.put(target, failure);
        if (acked.size() + failed.size() == targets.size()) allEnded.complete(null);
        notifyAll();
    }
}
