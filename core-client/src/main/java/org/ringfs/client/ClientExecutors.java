package org.ringfs.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's thread pools. {@code calls} runs single calls to one data server and never waits on
 * another task; {@code blocks} runs write-behind jobs that wait on calls; {@code readAhead} runs
 * read-ahead jobs. Keeping calls apart means a full pool of jobs can never starve the calls they wait
 * for; keeping read-ahead apart means a reader never queues behind writes that wait for servers
 * (under the {@code all} policy a write may wait minutes for a target to come back). {@code statAhead}
 * runs listings ahead of stats ({@link StatAhead}), one at a time.
 */
final class ClientExecutors implements AutoCloseable {
    static final int CALL_THREADS = 24;
    static final int BLOCK_THREADS = 8;

    private final ExecutorService calls = Executors.newFixedThreadPool(CALL_THREADS, daemon("ringfs-call"));
    private final ExecutorService blocks = Executors.newFixedThreadPool(BLOCK_THREADS, daemon("ringfs-block"));
    private final ExecutorService readAhead = Executors.newFixedThreadPool(BLOCK_THREADS, daemon("ringfs-read-ahead"));
    private final ExecutorService statAhead = Executors.newSingleThreadExecutor(daemon("ringfs-stat-ahead"));

    ExecutorService calls() { return calls; }

    /** Write-behind. */
    ExecutorService blocks() { return blocks; }

    ExecutorService readAhead() { return readAhead; }

    ExecutorService statAhead() { return statAhead; }

    @Override
    public void close() {
        blocks.shutdown();
        readAhead.shutdownNow(); // nobody waits for a block read ahead of a closing client
        statAhead.shutdownNow(); // nor for a listing ahead of its stats
        calls.shutdown();
        try {
            if (!blocks.awaitTermination(5, TimeUnit.SECONDS)) blocks.shutdownNow();
            if (!calls.awaitTermination(5, TimeUnit.SECONDS)) calls.shutdownNow();
        } catch (InterruptedException e) {
            blocks.shutdownNow();
            calls.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
