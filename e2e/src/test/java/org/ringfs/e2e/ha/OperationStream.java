package org.ringfs.e2e.ha;

import org.ringfs.e2e.client.ClientFiles;
import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client's stream of metadata-heavy operations under ROOT, on its own thread: per step n, create
 * ROOT/fN exclusively and write 1-40 KiB, rename it to ROOT/gN, and append the record "n" to ROOT/log.
 * It records which of them were acknowledged, so {@link #verify} can check that each is present and
 * none happened twice; an operation that fails is recorded and the step's later operations skipped.
 */
final class OperationStream {
    private final RingFsClient fs;
    private final String root;
    private final Random random;
    private final Thread thread;
    private volatile boolean stopping;
    private final AtomicLong acknowledged = new AtomicLong();
    /** Step n to the bytes of its file, for every step whose create and write were acknowledged. */
    private final Map<Integer, byte[]> written = new LinkedHashMap<>();
    /** Steps whose rename was acknowledged. */
    private final List<Integer> renamed = new ArrayList<>();
    /** Steps whose append was acknowledged, and steps whose append failed (it may have happened once). */
    private final List<Integer> appended = new ArrayList<>();
    private final List<Integer> appendUnknown = new ArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    OperationStream(RingFsClient fs, String root, long seed) {
        this.fs = fs;
        this.root = root;
        this.random = new Random(seed);
        this.thread = new Thread(this::run, "ops " + root);
    }

    String root() { return root; }

    void start() { thread.start(); }

    long acknowledged() { return acknowledged.get(); }

    List<String> failures() { return failures; }

    void awaitAcknowledged(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.get() < count) {
            if (!thread.isAlive()) throw new AssertionError(root + " stopped after " + acknowledged.get() + " operations: " + failures);
            if (System.nanoTime() > deadline) {
                throw new AssertionError(root + ": " + acknowledged.get() + " of " + count + " operations acknowledged within "
                        + timeout + "; failures " + failures);
            }
            Thread.sleep(20);
        }
    }

    void stop() throws InterruptedException {
        stopping = true;
        thread.join(120_000);
        assertThat(thread.isAlive()).as(root + " stopped").isFalse();
    }

    private void run() {
        try {
            fs.mkdir(root, 0755, 0, 0);
            acknowledged.incrementAndGet();
        } catch (RingFsException e) {
            failures.add("mkdir " + root + ": " + e.getMessage() + " (" + e.code() + ")");
            return;
        }
        for (int n = 0; !stopping; n++) {
            byte[] data = new byte[1024 + random.nextInt(40 * 1024)];
            random.nextBytes(data);
            String f = root + "/f" + n;
            try (OpenFile out = fs.create(f, 0644, 0, 0, true)) {
                out.write(0, data, 0, data.length);
            } catch (RingFsException e) {
                failures.add("create and write " + f + ": " + e.getMessage() + " (" + e.code() + ")");
                continue;
            }
            synchronized (this) { written.put(n, data); }
            acknowledged.incrementAndGet();
            try {
                fs.rename(f, root + "/g" + n);
            } catch (RingFsException e) {
                failures.add("rename " + f + ": " + e.getMessage() + " (" + e.code() + ")");
                continue;
            }
            synchronized (this) { renamed.add(n); }
            acknowledged.incrementAndGet();
            byte[] record = (n + "\n").getBytes(StandardCharsets.US_ASCII);
            try (OpenFile log = n == 0 ? fs.create(root + "/log", 0644, 0, 0, true) : fs.open(root + "/log", false)) {
                log.append(record, 0, record.length);
            } catch (RingFsException e) {
                synchronized (this) { appendUnknown.add(n); }
                failures.add("append " + n + " to " + root + "/log: " + e.getMessage() + " (" + e.code() + ")");
                continue;
            }
            synchronized (this) { appended.add(n); }
            acknowledged.incrementAndGet();
        }
    }

    /** Every acknowledged operation is present, and none happened twice. */
    synchronized void verify(RingFsClient reader) throws RingFsException {
        for (Map.Entry<Integer, byte[]> e : written.entrySet()) {
            int n = e.getKey();
            boolean wasRenamed = renamed.contains(n);
            String now = wasRenamed ? root + "/g" + n : root + "/f" + n;
            assertThat(ClientFiles.read(reader, now)).as(now + " holds what was written").isEqualTo(e.getValue());
            if (wasRenamed) assertThat(exists(reader, root + "/f" + n)).as(root + "/f" + n + " was renamed away").isFalse();
        }
        List<Integer> records = new ArrayList<>();
        for (String line : new String(ClientFiles.read(reader, root + "/log"), StandardCharsets.US_ASCII).split("\n")) {
            if (!line.isEmpty()) records.add(Integer.parseInt(line));
        }
        assertThat(records).as(root + "/log: every record once, in order").doesNotHaveDuplicates().isSorted()
                .containsAll(appended);
        List<Integer> unexpected = new ArrayList<>(records);
        unexpected.removeAll(appended);
        unexpected.removeAll(appendUnknown);
        assertThat(unexpected).as(root + "/log: records never appended").isEmpty();
    }

    private static boolean exists(RingFsClient fs, String path) throws RingFsException {
        try {
            fs.stat(path);
            return true;
        } catch (RingFsException e) {
            if (e.code() == org.ringfs.api.ErrorCode.NOT_FOUND) return false;
            throw e;
        }
    }
}
