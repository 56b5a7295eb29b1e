package org.ringfs.e2e.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.repair.FsckReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded fault-injection run with a checker. Several clients (each its own writer session, as
 * separate mounts would be) write, append, truncate, rename, unlink, and hold files open for longer
 * than meta's session timeout while another client unlinks them; a driver meanwhile SIGKILLs and
 * restarts data servers and meta, starts meta on an empty directory (the data servers and the
 * clients must refuse it) before putting the real store back, adds a data server and retires it. Every acknowledged operation goes into a model of
 * what each path may hold (an operation that failed may or may not have happened: both outcomes
 * stay acceptable). At the end every path must hold an acceptable content, byte for byte, and fsck
 * must be clean. Bounded: {@code -Dringfs.faults.seconds} (CI: 40) and {@code -Dringfs.faults.seed}.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class FaultInjectionRunTest {
    static final int BLOCK = 64 * 1024;
    static final int CLIENTS = 3;
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);

    final long seed = Long.getLong("ringfs.faults.seed", 42);
    final long seconds = Long.getLong("ringfs.faults.seconds", 40);
    final AtomicLong operations = new AtomicLong();
    final AtomicLong faults = new AtomicLong();
    final AtomicBoolean running = new AtomicBoolean(true);

    @Test
    void acknowledgedWritesSurviveCrashesRestartsAndABlankMeta() throws Exception {
        try (MiniRingFsCluster cluster = MiniRingFsCluster.builder().dataServers(5).blockSize(BLOCK).processes(true)
                .reconcileIntervalMillis(1000).sessionTimeoutMillis(SESSION_TIMEOUT.toMillis()).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            List<Worker> workers = new ArrayList<>();
            List<Future<?>> running = new ArrayList<>();
            RingFsClient outsider = cluster.client(s -> s.withReadWait(Duration.ofSeconds(60)).withWriteWait(Duration.ofSeconds(60)));
            for (int i = 0; i < CLIENTS; i++) {
                Worker w = new Worker(i, cluster.client(s -> s.withReadWait(Duration.ofSeconds(60))
                        .withWriteWait(Duration.ofSeconds(60))), outsider, new Random(seed * 31 + i));
                workers.add(w);
                running.add(pool.submit(w::run));
            }
            Future<?> driver = pool.submit(() -> drive(cluster, new Random(seed)));
            driver.get(seconds + 300, TimeUnit.SECONDS);
            this.running.set(false);
            for (Future<?> f : running) f.get(5, TimeUnit.MINUTES);
            pool.shutdown();

            if (retired != null) {
                String name = retired;
                MiniRingFsCluster.waitUntil(() -> {
                    try {
                        return !cluster.clusterMap().names().contains(name);
                    } catch (RingFsException e) {
                        return false;
                    }
                }, Duration.ofSeconds(120));
            }
            long lost = 0;
            RingFsClient checker = cluster.client(s -> s.withReadWait(Duration.ofSeconds(60)));
            for (Worker w : workers) lost += w.check(checker);
            FsckReport report = awaitClean(checker);
            System.out.printf("fault-injection run (seed %d, %d s): %d operations, %d faults, %d acknowledged writes lost; %s%n",
                    seed, seconds, operations.get(), faults.get(), lost, report);
            assertThat(lost).isZero();
            assertThat(report.clean()).as(report.toString()).isTrue();
            assertThat(operations.get()).isPositive();
            assertThat(faults.get()).isPositive();
        }
    }

    /** The faults, one at a time, until the run's time is up; leaves everything running. */
    private Void drive(MiniRingFsCluster cluster, Random random) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> servers = cluster.dataServerNames();
        String joined = null;
        for (int n = 0; n < 5 || System.nanoTime() < end; n++) { // at least one fault of each kind
            Thread.sleep(1000 + random.nextInt(1500));
            // The first faults are one of each kind, so even the shortest run meets them all.
            int kind = n == 0 ? 0 : n == 1 ? 6 : n == 2 ? 9 : n == 3 ? JOIN : n == 4 ? RETIRE : random.nextInt(10);
            if (kind == JOIN) {
                joined = cluster.addDataServer(); // placement moves a share of the blocks to it
            } else if (kind == RETIRE) {
                cluster.metaService().retire(joined); // it drains, then leaves the ring
                retired = joined;
            } else if (kind < 6) {
                String victim = servers.get(random.nextInt(servers.size()));
                cluster.crash(victim);
                Thread.sleep(500 + random.nextInt(2500));
                cluster.start(victim);
            } else if (kind < 9) {
                cluster.crashMeta();
                Thread.sleep(300 + random.nextInt(1500));
                cluster.startMeta();
            } else {
                blankMeta(cluster); // the clients keep going: their calls name the cluster, and it refuses them
            }
            faults.incrementAndGet();
        }
        return null;
    }

    static final int JOIN = 100;
    static final int RETIRE = 101;
    /** The server the run retired, if it got that far. */
    volatile String retired;

    /** Meta on an empty directory: a new cluster id, which the data servers refuse; then the real store is back. */
    private static void blankMeta(MiniRingFsCluster cluster) throws Exception {
        cluster.crashMeta();
        Path real = cluster.metaDir().resolveSibling("meta.real");
        Files.move(cluster.metaDir(), real);
        cluster.startMeta();
        Thread.sleep(3000); // heartbeats, reconcile passes and sweeps against the blank meta
        for (String name : cluster.dataServerNames()) {
            assertThat(cluster.blockService(name).status().clusterRefusal()).as(name + " refuses the blank meta").isNotEmpty();
        }
        cluster.crashMeta();
        Path blank = cluster.metaDir().resolveSibling("meta.blank-" + System.nanoTime());
        Files.move(cluster.metaDir(), blank);
        Files.move(real, cluster.metaDir());
        cluster.startMeta();
    }

    private static FsckReport awaitClean(RingFsClient fs) throws Exception {
        FsckReport last = null;
        for (int i = 0; i < 120; i++) {
            try {
                last = fs.fsck().check();
                if (last.clean()) return last;
            } catch (RingFsException e) {
                // a server still restarting: look again
            }
            Thread.sleep(500);
        }
        return last == null ? fs.fsck().check() : last;
    }

    /** One client's operations on its own directory, and the model of what each path may hold. */
    final class Worker {
        final int id;
        final RingFsClient fs;
        final RingFsClient other;
        final Random random;
        final String dir;
        /** Every content a path may hold: one after an acknowledged operation, more after a failed one. */
        final Map<String, Set<Content>> model = new HashMap<>();

        Worker(int id, RingFsClient fs, RingFsClient other, Random random) {
            this.id = id;
            this.fs = fs;
            this.other = other;
            this.random = random;
            this.dir = "/w" + id;
        }

        void run() {
            while (!mkdir()) sleep(200);
            while (running.get()) {
                String path = dir + "/f" + random.nextInt(6);
                String to = dir + "/f" + random.nextInt(6);
                int op = random.nextInt(100);
                Set<Content> before = model.getOrDefault(path, Set.of(Content.ABSENT));
                try {
                    if (op < 30) write(path);
                    else if (op < 50) append(path, before);
                    else if (op < 60) truncate(path, before);
                    else if (op < 70) rename(path, to, before);
                    else if (op < 78) unlink(path);
                    else if (op < 84) holdOpenWhileUnlinked(path, before);
                    else verify(path, before);
                } catch (RingFsException | RuntimeException e) {
                    // Not acknowledged: the operation may or may not have happened.
                    uncertain(path, to, before, e);
                }
                operations.incrementAndGet();
            }
        }

        private boolean mkdir() {
            try {
                fs.mkdir(dir, 0755, 0, 0);
                return true;
            } catch (RingFsException e) {
                return e.code() == ErrorCode.EXISTS;
            }
        }

        private Content pending; // the content a failed write or append may have left
        private boolean mayBeEmptied; // a failed write may have left the file truncated
        private String pendingTo;

        void write(String path) throws RingFsException {
            byte[] data = bytes(random.nextInt(4 * BLOCK + 1));
            pending = new Content(data);
            mayBeEmptied = true;
            try (OpenFile f = fs.create(path, 0644, 0, 0, false)) {
                f.truncate(0);
                f.write(0, data, 0, data.length);
            }
            model.put(path, Set.of(pending));
            mayBeEmptied = false;
        }

        void append(String path, Set<Content> before) throws RingFsException {
            if (before.size() != 1 || before.contains(Content.ABSENT)) {
                verify(path, before);
                return;
            }
            byte[] old = before.iterator().next().bytes;
            byte[] more = bytes(1 + random.nextInt(BLOCK));
            pending = new Content(concat(old, more));
            try (OpenFile f = fs.open(path, false)) {
                f.append(more, 0, more.length);
            }
            model.put(path, Set.of(pending));
        }

        void truncate(String path, Set<Content> before) throws RingFsException {
            if (before.size() != 1 || before.contains(Content.ABSENT)) {
                verify(path, before);
                return;
            }
            byte[] old = before.iterator().next().bytes;
            int size = random.nextInt(old.length + BLOCK);
            pending = new Content(Arrays.copyOf(old, size));
            fs.truncate(path, size);
            model.put(path, Set.of(pending));
        }

        void rename(String from, String to, Set<Content> before) throws RingFsException {
            if (from.equals(to) || before.contains(Content.ABSENT)) return;
            pendingTo = to;
            fs.rename(from, to);
            model.put(to, before);
            model.put(from, Set.of(Content.ABSENT));
            pendingTo = null;
        }

        void unlink(String path) throws RingFsException {
            pending = Content.ABSENT;
            try {
                fs.unlink(path);
            } catch (RingFsException e) {
                if (e.code() != ErrorCode.NOT_FOUND) throw e;
            }
            model.put(path, Set.of(Content.ABSENT));
        }

        /** A reader keeps a file open past the session timeout while another client unlinks it. */
        void holdOpenWhileUnlinked(String path, Set<Content> before) throws RingFsException {
            if (before.size() != 1 || before.contains(Content.ABSENT)) return;
            byte[] expected = before.iterator().next().bytes;
            try (OpenFile f = fs.open(path, false)) {
                pending = Content.ABSENT;
                other.unlink(path);
                model.put(path, Set.of(Content.ABSENT));
                sleep(SESSION_TIMEOUT.toMillis() + 1000);
                byte[] got = new byte[expected.length];
                for (int at = 0; at < got.length; ) {
                    int n = f.read(at, got, at, got.length - at);
                    if (n < 0) break;
                    at += n;
                }
                if (!Arrays.equals(got, expected)) {
                    lostWhileOpen.incrementAndGet();
                    System.err.println("worker " + id + ": " + path + " changed under its open reader after an unlink");
                }
            }
        }

        final AtomicLong lostWhileOpen = new AtomicLong();

        void verify(String path, Set<Content> acceptable) throws RingFsException {
            Content now = readContent(fs, path);
            if (!acceptable.contains(now)) {
                mismatches.incrementAndGet();
                System.err.println("worker " + id + ": " + path + " holds " + now + ", acceptable " + acceptable);
            }
            model.put(path, Set.of(now)); // settled: whichever acceptable content it holds is the truth now
        }

        final AtomicLong mismatches = new AtomicLong();

        private void uncertain(String path, String to, Set<Content> before, Exception e) {
            Set<Content> either = new HashSet<>(before);
            if (pending != null) either.add(pending);
            if (mayBeEmptied) either.add(new Content(new byte[0]));
            mayBeEmptied = false;
            model.put(path, either);
            if (pendingTo != null) {
                Set<Content> target = new HashSet<>(model.getOrDefault(pendingTo, Set.of(Content.ABSENT)));
                target.addAll(before);
                model.put(pendingTo, target);
                either.add(Content.ABSENT);
            }
            pending = null;
            pendingTo = null;
        }

        /** After the run: every path holds an acceptable content; returns how many do not. */
        long check(RingFsClient checker) throws Exception {
            long lost = mismatches.get() + lostWhileOpen.get();
            for (Map.Entry<String, Set<Content>> e : model.entrySet()) {
                Content now = readContent(checker, e.getKey());
                if (!e.getValue().contains(now)) {
                    lost++;
                    System.err.println("worker " + id + ": " + e.getKey() + " holds " + now + ", acceptable " + e.getValue());
                }
            }
            return lost;
        }

        private byte[] bytes(int n) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        }
    }

    static Content readContent(RingFsClient fs, String path) throws RingFsException {
        OpenFile f;
        try {
            f = fs.open(path, false);
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.NOT_FOUND) return Content.ABSENT;
            throw e;
        }
        try (f) {
            byte[] out = new byte[(int) f.size()];
            for (int at = 0; at < out.length; ) {
                int n = f.read(at, out, at, out.length - at);
                if (n < 0) throw new IllegalStateException(path + " ended at " + at + " of " + out.length);
                at += n;
            }
            return new Content(out);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A file's bytes, or its absence; equal by content. */
    record Content(byte[] bytes) {
        static final Content ABSENT = new Content(null);

        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && Arrays.equals(bytes, c.bytes);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(bytes); }

        @Override
        public String toString() { return bytes == null ? "absent" : bytes.length + " bytes #" + Arrays.hashCode(bytes); }
    }
}
