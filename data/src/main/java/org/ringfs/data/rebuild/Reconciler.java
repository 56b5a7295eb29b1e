package org.ringfs.data.rebuild;

import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockScanPage;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlock;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.data.store.BlockStore;
import org.ringfs.data.store.DeleteGate;
import org.ringfs.placement.Placement;
import org.ringfs.repair.CopyVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One reconciliation pass at a time, HDFS block-report style: pages through meta's committed blocks
 * and the local store together ({@link ReconcileDecider}), fetches what this server lacks from its
 * peers with bounded concurrency, and deletes what meta's records say is dead. A peer or meta being
 * down is not fatal: the pass reports what is still missing and the next pass tries again. A pass
 * that read all of meta and holds every block placement gives this server tells meta so, with the
 * ring epoch it worked under: that takes the server off meta's under-replicated entries, and once
 * every server of the placement has so reported, meta records the blocks as moved to the current
 * ring, after which a copy left on a server that is no longer a target may go. On a retiring server a pass is a drain
 * pass: it deletes nothing, checks that each current copy it holds is verified on every one of the
 * block's targets (peer {@code verify}), and reports how many are not yet to meta, which takes the
 * server out of the ring once none is left. Every delete is a delete order of the meta master that
 * answered the pass's {@link LiveGenerations}: the gate is asked, per delete, whether an order of
 * that term may be obeyed ({@link DeleteGate#checkOrder}), so a deposed master's verdicts delete
 * nothing, nor does a pass that began under a master deposed since.
 */
public final class Reconciler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final int PAGE = 1000;

    private final String self;
    private final BlockStore store;
    private final MetaService meta;
    private final ClusterPeers peers;
    private final BlockFetcher fetcher;
    private final ReconcileProgress progress;
    private final int concurrency;
    private final Semaphore inFlight;
    private volatile boolean stopping;
    private final ExecutorService workers;
    private final DeleteGate mayDelete;

    /**
     * @param concurrency fetches and remote verifications in flight at once
     * @param mayDelete   asked before every delete, with the term of the pass's live generations; when it
     *                    throws, the copy is kept (counted in keptRefused)
     */
    public Reconciler(String self, BlockStore store, MetaService meta, ClusterPeers peers, ReconcileProgress progress,
                      int concurrency, DeleteGate mayDelete) {
        this.mayDelete = mayDelete;
        this.self = self;
        this.store = store;
        this.meta = meta;
        this.peers = peers;
        this.fetcher = new BlockFetcher(store, peers);
        this.progress = progress;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
        this.workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "reconcile-" + self);
            t.setDaemon(true);
            return t;
        });
    }

    public ReconcileProgress progress() { return progress; }

    /** Runs one pass now (waiting for a pass already running). */
    public synchronized ReconcileReport runOnce() throws RingFsException {
        ClusterMap map = meta.clusterMap();
        peers.update(map);
        if (map.placementNames().size() < Placement.COPIES) {
            return ReconcileReport.skipped("the ring has " + map.placementNames().size() + " servers that are not retiring, "
                    + "placement needs " + Placement.COPIES);
        }
        if (map.server(self) == null) return ReconcileReport.skipped(self + " is not in the ring");
        // Before the committed blocks: a generation dead now can never be committed later (see CopyVerdict).
        LiveGenerations live = meta.liveGenerations();
        Pass pass = new Pass(new ReconcileDecider(new Placement(map.placementNames()), map, self, live),
                map.server(self).retiring(), live.term());
        progress.passStarted();
        boolean readAll = false;
        try {
            pass.decider.decide(metaBlocks(pass), localCopies(), pass::submit);
            readAll = true;
        } finally {
            inFlight.acquireUninterruptibly(concurrency); // every submitted task has finished
            inFlight.release(concurrency);
            progress.passEnded(readAll && pass.missing.get() == 0);
        }
        ReconcileReport report = new ReconcileReport(readAll && pass.missing.get() == 0, pass.fetched.get(),
                pass.missing.get(), pass.deleted.get(), pass.keptMisplaced.get(), pass.keptPending.get(),
                pass.keptUnknown.get(), pass.keptRefused.get(), null, pass.retiring ? pass.drainLeft.get() : -1);
        if (report.fetched() + report.missing() + report.deleted() > 0) log.info("reconcile {}: {}", self, report);
        if (report.keptUnknown() > 0) {
            log.warn("reconcile {}: {} copies carry generations meta never handed out (meta's next is {}): meta's "
                    + "store is older than this server's data; they are kept", self, report.keptUnknown(), live.nextGeneration());
        }
        if (pass.retiring) {
            if (readAll) reportDrain(map.epoch(), pass.drainLeft.get());
        } else if (report.complete()) {
            try {
                meta.replicasVerified(self, map.epoch(), pass.scanStartedAtMillis);
            } catch (RingFsException e) {
                log.info("reconcile {}: could not tell meta its copies are verified (the next pass will): {}", self, e.getMessage());
            }
        }
        return report;
    }

    private void reportDrain(long epoch, long left) {
        try {
            if (meta.drainReport(self, epoch, left)) {
                log.info("{} drained: every copy it holds is verified on its targets; meta took it out of the ring", self);
            } else {
                log.info("{} retiring: {} copies not yet verified on their targets", self, left);
            }
        } catch (RingFsException e) {
            log.info("{} retiring: could not report the drain to meta (the next pass will): {}", self, e.getMessage());
        }
    }

    private SortedSource<FileBlock> metaBlocks(Pass pass) {
        boolean[] done = {false};
        return new PagedSource<>(last -> {
            if (done[0]) return List.of();
            BlockScanPage page = last == null ? meta.scanBlocks(0, 0, PAGE)
                    : meta.scanBlocks(last.inode(), last.block().index(), PAGE);
            if (!page.isFromMasterOf(pass.term)) {
                // A deposed master's page may lack rows the current master committed: their copies
                // would look dead by its live generations. The pass ends here, incomplete.
                throw new RingFsException(ErrorCode.UNAVAILABLE, "meta's committed blocks came from the master of term "
                        + page.term() + ", its live generations from term " + pass.term + ": the pass stops; the next asks again");
            }
            if (last == null) pass.scanStartedAtMillis = page.asOfMillis();
            done[0] = page.done();
            return page.blocks();
        });
    }

    private SortedSource<StoredBlock> localCopies() {
        return new PagedSource<>(last -> store.list(last == null ? null : last.key(), PAGE));
    }

    /** The counters and tasks of one pass. */
    private final class Pass {
        final ReconcileDecider decider;
        final AtomicLong fetched = new AtomicLong();
        final AtomicLong missing = new AtomicLong();
        final AtomicLong deleted = new AtomicLong();
        final AtomicLong keptMisplaced = new AtomicLong();
        final AtomicLong keptPending = new AtomicLong();
        final AtomicLong keptUnknown = new AtomicLong();
        /** Meta's clock at the first page of committed blocks. */
        volatile long scanStartedAtMillis;
        final AtomicLong keptRefused = new AtomicLong();
        /** A retiring server deletes nothing and counts the copies its targets cannot vouch for yet. */
        final boolean retiring;
        final AtomicLong drainLeft = new AtomicLong();
        /** The term of the meta master whose live generations this pass decides by. */
        final long term;

        Pass(ReconcileDecider decider, boolean retiring, long term) {
            this.decider = decider;
            this.retiring = retiring;
            this.term = term;
        }

        void submit(ReconcileAction action) throws RingFsException {
            if (stopping) throw new RingFsException(ErrorCode.UNAVAILABLE, "reconcile of " + self + " stopped: the server is stopping");
            if (action instanceof ReconcileAction.Keep k) {
                (k.verdict() == CopyVerdict.UNKNOWN ? keptUnknown : keptPending).incrementAndGet();
                return;
            }
            if (retiring && action instanceof ReconcileAction.Delete) {
                keptRefused.incrementAndGet(); // a retiring server keeps everything until it is out of the ring
                return;
            }
            if (!retiring && action instanceof ReconcileAction.Misplaced m && !m.verdict().mayDelete()) {
                keptMisplaced.incrementAndGet(); // meta has not recorded the block as moved: a reader may need it here
                return;
            }
            if (!retiring && isDelete(action) && !deleteAllowed()) return;
            if (action instanceof ReconcileAction.Delete d) {
                if (store.deleteIfUnchanged(d.copy())) {
                    deleted.incrementAndGet();
                    log.debug("reconcile {}: deleted {} ({})", self, d.copy().key(), d.reason());
                }
                return;
            }
            if (action instanceof ReconcileAction.Fetch) progress.fetchFound();
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RingFsException(ErrorCode.UNAVAILABLE, "reconcile of " + self + " interrupted", e);
            }
            workers.execute(() -> {
                try {
                    if (!stopping) run(action);
                } finally {
                    inFlight.release();
                }
            });
        }

        private void run(ReconcileAction action) {
            try {
                if (action instanceof ReconcileAction.Fetch f) {
                    String source = fetcher.fetch(f.block(), f.sources());
                    fetched.incrementAndGet();
                    progress.fetched();
                    log.debug("reconcile {}: fetched {} from {}", self, f.block().key(), source);
                } else if (action instanceof ReconcileAction.Misplaced d && retiring) {
                    if (!replicatedElsewhere(d)) drainLeft.incrementAndGet();
                } else if (action instanceof ReconcileAction.Misplaced d) {
                    // MOVED is meta's word; the targets are still asked, so the last good copy never goes.
                    // Meta's authority is asked again after that wait: a term may have passed meanwhile.
                    if (!replicatedElsewhere(d)) {
                        keptMisplaced.incrementAndGet();
                    } else if (!deleteAllowed()) {
                        return; // counted in keptRefused
                    } else if (store.deleteIfUnchanged(d.copy())) {
                        deleted.incrementAndGet();
                    } else {
                        keptMisplaced.incrementAndGet();
                    }
                }
            } catch (RingFsException e) {
                if (action instanceof ReconcileAction.Fetch) missing.incrementAndGet();
                if (retiring && action instanceof ReconcileAction.Misplaced) drainLeft.incrementAndGet();
                log.info("reconcile {}: {} not done: {}", self, describe(action), e.getMessage());
            } catch (RuntimeException e) {
                if (action instanceof ReconcileAction.Fetch) missing.incrementAndGet();
                if (retiring && action instanceof ReconcileAction.Misplaced) drainLeft.incrementAndGet();
                log.error("reconcile {}: {} failed", self, describe(action), e);
            }
        }

        private boolean isDelete(ReconcileAction action) {
            return action instanceof ReconcileAction.Delete || action instanceof ReconcileAction.Misplaced;
        }

        /** Meta's authority for an order of this pass's term, asked per delete; without it the copy is kept. */
        private boolean deleteAllowed() {
            try {
                mayDelete.checkOrder(term);
                return true;
            } catch (RingFsException e) {
                if (keptRefused.getAndIncrement() == 0) log.info("reconcile {}: keeping copies: {}", self, e.getMessage());
                return false;
            }
        }

        /** Every current target holds a copy that verifies and matches meta's length and CRC32C. */
        private boolean replicatedElsewhere(ReconcileAction.Misplaced d) {
            BlockKey key = d.block().key();
            for (String target : d.targets()) {
                try {
                    StoredBlock theirs = peers.peer(target).verify(key);
                    if (theirs.length() != d.block().block().length() || theirs.crc32c() != d.block().block().crc32c()) {
                        return false;
                    }
                } catch (RingFsException e) {
                    log.debug("reconcile {}: keeping misplaced {}: {} cannot vouch for it: {}", self, key, target, e.getMessage());
                    return false;
                }
            }
            return true;
        }

        private String describe(ReconcileAction action) {
            if (action instanceof ReconcileAction.Fetch f) return "fetch of " + f.block().key();
            if (action instanceof ReconcileAction.Misplaced d) return "removal of misplaced " + d.copy().key();
            return action.toString();
        }
    }

    /** Asks a pass in progress to end: no further action starts, fetches under way finish. */
    public void stop() { stopping = true; }

    /**
     * Stops the workers after the fetches under way, without interrupting them (an interrupt inside
     * JE's file I/O invalidates the store); only a fetch still going after {@code grace} is interrupted.
     */
    public void close(Duration grace) throws InterruptedException {
        stop();
        workers.shutdown();
        if (workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) return;
        log.warn("reconcile {}: fetches still running after {} s; interrupting them", self, grace.toSeconds());
        workers.shutdownNow();
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }
}
