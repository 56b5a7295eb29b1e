package org.ringfs.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's two thread pools. {@code calls} runs single calls to one data server and never waits
 * on another task; {@code blocks} runs block-level jobs (write-behind, read-ahead) that wait on
 * calls. Keeping them apart means a full pool of jobs can never starve the calls they wait for.
 */
final class ClientExecutors implements AutoCloseable {
    static final int CALL_THREADS = 24;
    static final int BLOCK_THREADS = 8;

    private final ExecutorService calls = Executors.newFixedThreadPool(CALL_THREADS, daemon("ringfs-call"));
    private final ExecutorService blocks = Executors.newFixedThreadPool(BLOCK_THREADS, daemon("ringfs-block"));

    ExecutorService calls() { return calls; }

    ExecutorService blocks() { return blocks; }

    @Override
    public void close() {
        blocks.shutdown();
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
