package org.ringfs.client;

import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.RingFsException;
import org.ringfs.placement.Placement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Deletes copies meta no longer references, best effort: a failure is logged and left to the data
 * servers' reconciliation. Replaced and never-committed generations, and every block of a removed
 * inode, go in the background (their keys are never written again); block ranges a truncate freed
 * are deleted before the caller goes on, because the same indices may be written again at once.
 */
final class BlockDeleter {
    private static final Logger log = LoggerFactory.getLogger(BlockDeleter.class);

    private final ClusterView view;
    private final ExecutorService calls;
    private final Duration callTimeout;

    BlockDeleter(ClusterView view, ExecutorService calls, Duration callTimeout) {
        this.view = view;
        this.calls = calls;
        this.callTimeout = callTimeout;
    }

    /** In the background: the generations these committed writes replaced. */
    void deleteReplaced(long inode, List<BlockWrite> committed) {
        for (BlockWrite w : committed) {
            if (w.baseGeneration() > 0) deleteCopies(new BlockKey(inode, w.block().index(), w.baseGeneration()));
        }
    }

    /** In the background, once every PUT of it has ended: a stored generation that will never be committed. */
    void deleteUncommitted(long inode, StoredWrite abandoned) {
        BlockKey key = abandoned.write().block().key(inode);
        abandoned.allPutsEnded().whenComplete((ended, failure) -> deleteCopies(key));
    }

    /**
     * In the background: the blocks of an inode meta removed (its last name unlinked or renamed
     * over). Inode ids never repeat, so no later write can race these deletes, and the caller need
     * not wait for three synced deletes on the data servers.
     */
    void deleteRemovedInode(FreedBlocks freed) {
        if (freed.isEmpty()) return;
        for (String server : serversHolding(freed)) {
            try {
                calls.execute(() -> {
                    try {
                        view.service(server).deleteFile(freed.inode(), freed.fromIndex());
                    } catch (RingFsException e) {
                        view.reportFailure(server);
                        log.info("delete of removed inode's blocks {} on {} failed (reconciliation will): {}", freed,
                                server, e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                log.warn("delete of removed inode's blocks {} on {} not started: client closing", freed, server);
            }
        }
    }

    /** Deletes every generation of blocks [from, to) of the inode on the servers placement put them on. */
    void deleteFreed(FreedBlocks freed) {
        if (freed.isEmpty()) return;
        List<Future<?>> deletes = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        for (String server : serversHolding(freed)) {
            try {
                deletes.add(calls.submit(() -> {
                    view.service(server).deleteFile(freed.inode(), freed.fromIndex());
                    return null;
                }));
                asked.add(server);
            } catch (RejectedExecutionException e) {
                log.warn("delete of freed blocks {} on {} not started: client closing", freed, server);
            }
        }
        for (int i = 0; i < deletes.size(); i++) {
            try {
                deletes.get(i).get(callTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                view.reportFailure(asked.get(i));
                log.info("delete of freed blocks {} on {} failed (reconciliation will): {}", freed, asked.get(i),
                        e instanceof ExecutionException ? e.getCause().toString() : "timed out");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("interrupted while deleting freed blocks {}", freed);
                return;
            }
        }
    }

    /** The servers placement put blocks [from, to) of the inode on; none (logged) without a cluster map. */
    private Set<String> serversHolding(FreedBlocks freed) {
        Set<String> servers = new LinkedHashSet<>();
        try {
            Placement placement = view.placement();
            if (freed.toIndex() - freed.fromIndex() >= placement.ring().size()) {
                servers.addAll(placement.ring()); // a long range touches every server anyway
            } else {
                for (long i = freed.fromIndex(); i < freed.toIndex(); i++) servers.addAll(placement.targets(freed.inode(), i));
            }
        } catch (RingFsException e) {
            log.warn("cannot delete freed blocks {}: {}", freed, e.toString());
        }
        return servers;
    }

    private void deleteCopies(BlockKey key) {
        List<String> targets;
        try {
            targets = view.placement().targets(key.inode(), key.index());
        } catch (RingFsException e) {
            log.info("cannot delete {}: {}", key, e.toString());
            return;
        }
        for (String server : targets) {
            try {
                calls.execute(() -> {
                    try {
                        view.service(server).delete(key);
                    } catch (RingFsException e) {
                        log.info("delete of {} on {} failed (reconciliation will): {}", key, server, e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                log.info("delete of {} on {} not started: client closing", key, server);
            }
        }
    }
}
