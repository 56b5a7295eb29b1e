package org.ringfs.e2e.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.cli.local.ClusterDirectory;
import org.ringfs.cli.local.ServerLauncher;
import org.ringfs.cli.local.ServerStopper;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.client.WritePolicy;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.e2e.cluster.Tmpfs;
import org.ringfs.e2e.ha.MetaDigests;
import org.ringfs.repair.FsckReport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded fault-injection run with a checker. Several clients (each its own writer session, as
 * separate mounts would be) write, append, truncate, rename, unlink, hold files open past meta's
 * session timeout and the open-file commit timer between writes, and read and write files through
 * open handles while another client unlinks them or renames another file over them; a driver
 * meanwhile SIGKILLs and restarts data servers and the whole meta group (three members, JE HA),
 * SIGKILLs the meta master (a new one is elected, its time recorded; the killed member starts again
 * while the next faults run and catches up), wipes a meta replica (SIGKILLed, its store deleted,
 * started: the group rebuilds it, by feeding it the log or by network restore), replaces the whole
 * group by a meta on an empty directory at one member's address (another cluster: the data servers
 * and the clients must refuse it and delete nothing) before starting the real members again, adds a data
 * server and retires it, and fills the disk of one data server (its store is on a small tmpfs)
 * while the clients keep writing: one under the policy all, whose blocks a full target refuses
 * with NO_SPACE, the others under quorum, which the other two targets satisfy. Every acknowledged
 * operation goes into a model of what each path may hold (an operation that failed, a write
 * refused for want of space among them, may or may not have happened: both outcomes stay
 * acceptable). At the end every path must hold an acceptable content, byte for byte, and fsck must
 * be clean, and the three meta members' store digests equal. Bounded: {@code -Dringfs.faults.seconds}
 * (CI: 40) and {@code -Dringfs.faults.seed}.
 * Mounting the tmpfs needs root: elsewhere the run fills no disk and says so.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class FaultInjectionRunTest {
    static final int BLOCK = 64 * 1024;
    static final int CLIENTS = 3;
    static final int SERVERS = 5;
    static final int META_MEMBERS = 3;
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
    /** An open file commits its stored full blocks at a write 5 s after its last commit (OpenFileHandle). */
    static final Duration COMMIT_TIMER = Duration.ofSeconds(5);
    /** Longer than both timers: a handle held this long has outlived each of them once. */
    static final Duration HOLD = COMMIT_TIMER.plusSeconds(1);
    /** The filled data server's disk; its store takes a few MiB of it. */
    static final int TMPFS_MIB = 128;
    /** What a data server keeps free for deletes (its --reserve-bytes default): a fuller disk takes no blocks. */
    static final long RESERVE = 64L << 20;

    final long seed = Long.getLong("ringfs.faults.seed", 42);
    final long seconds = Long.getLong("ringfs.faults.seconds", 40);
    final AtomicLong operations = new AtomicLong();
    final AtomicLong faults = new AtomicLong();
    final Map<String, AtomicLong> faultsByKind = new TreeMap<>();
    final AtomicLong refusedForSpace = new AtomicLong();
    final AtomicBoolean running = new AtomicBoolean(true);
    /** The data server whose store is on the tmpfs, chosen by the seed. */
    final String smallDisk = "data-" + (1 + new Random(~seed).nextInt(SERVERS));
    /** Whether its tmpfs is mounted: the disk-full fault needs it. */
    boolean canFillDisk;
    /** Seconds from the master's SIGKILL to a new master serving, one per master kill. */
    final List<Double> failovers = new CopyOnWriteArrayList<>();
    /** How each wiped replica came back: "network restore" or "fed the group's log". */
    final List<String> rebuilds = new CopyOnWriteArrayList<>();

    @Test
    void acknowledgedWritesSurviveCrashesRestartsABlankMetaAndAFullDisk() throws Exception {
        Path root = Files.createTempDirectory("ringfs-faults-");
        try (Tmpfs tmpfs = new Tmpfs()) {
            canFillDisk = tmpfs.mount(root.resolve(smallDisk), TMPFS_MIB);
            if (!canFillDisk) System.err.println("fault-injection run: fills no disk: " + tmpfs.lastFailure());
            long built = System.nanoTime();
            try (MiniRingFsCluster cluster = MiniRingFsCluster.builder().root(root).dataServers(SERVERS).blockSize(BLOCK)
                    .metaMembers(META_MEMBERS).processes(true).reconcileIntervalMillis(1000).sessionTimeoutMillis(SESSION_TIMEOUT.toMillis())
                    .startTimeout(Duration.ofSeconds(180)).build()) { // a restart on a loaded 2-core machine has taken over 60 s
                System.out.printf("fault-injection run: the cluster started in %.1f s%n", (System.nanoTime() - built) / 1e9);
                run(cluster);
            }
        } finally {
            deleteTree(root);
        }
    }

    private void run(MiniRingFsCluster cluster) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Worker> workers = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        RingFsClient outsider = cluster.client(s -> s.withReadWait(Duration.ofSeconds(60)).withWriteWait(Duration.ofSeconds(60)));
        for (int i = 0; i < CLIENTS; i++) {
            // The first client writes under the seed's policy, all three copies: a full target refuses its blocks (NO_SPACE).
            WritePolicy policy = i == 0 ? WritePolicy.ALL : WritePolicy.QUORUM;
            Worker w = new Worker(i, cluster.client(s -> s.withReadWait(Duration.ofSeconds(60))
                    .withWriteWait(Duration.ofSeconds(60)).withWritePolicy(policy)), outsider, new Random(seed * 31 + i));
            workers.add(w);
            running.add(pool.submit(w::run));
        }
        Future<?> driver = pool.submit(() -> drive(cluster, new Random(seed)));
        driver.get(seconds + 300, TimeUnit.SECONDS);
        this.running.set(false);
        for (Future<?> f : running) f.get(5, TimeUnit.MINUTES);
        long checking = System.nanoTime();
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
        // Every member applied the same log: one namespace, whatever each went through.
        Map<String, String> digests = MetaDigests.awaitEqual(cluster, META_MEMBERS, Duration.ofSeconds(120));
        System.out.printf("fault-injection run: the checks took %.1f s%n", (System.nanoTime() - checking) / 1e9);
        System.out.printf("fault-injection run (seed %d, %d s): %d operations, %d faults, %d acknowledged writes lost;"
                        + " faults %s; %d writes refused for want of space; %s; meta master failovers %s s;"
                        + " wiped replicas came back by %s; meta store digests %s%n",
                seed, seconds, operations.get(), faults.get(), lost, faultsByKind, refusedForSpace.get(), report,
                failovers, rebuilds, digests);
        assertThat(lost).isZero();
        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(operations.get()).isPositive();
        assertThat(digests).hasSize(META_MEMBERS);
        // The whole group's crash is part of every blank meta fault (all members SIGKILLed, then started
        // on their stores); on its own it comes only in runs long enough for random faults.
        List<String> kinds = new ArrayList<>(List.of(DATA_CRASH, META_MASTER_KILL, META_REPLICA_WIPE, BLANK_META,
                JOIN_NAME, RETIRE_NAME));
        if (canFillDisk) kinds.add(DISK_FULL);
        assertThat(faultsByKind).as("every kind of fault, however short the run").containsKeys(kinds.toArray(String[]::new));
        kinds.add(META_CRASH);
        assertThat(kinds).as("no other kind").containsAll(faultsByKind.keySet());
    }

    /**
     * The faults, one at a time (a full disk stays full through the next one), until the run's
     * time is up; leaves everything running.
     */
    private Void drive(MiniRingFsCluster cluster, Random random) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> servers = cluster.dataServerNames();
        String joined = null;
        Path filler = null;
        int emptyAt = 0;
        for (int n = 0; n < 6 || System.nanoTime() < end; n++) { // at least one fault of each kind
            Thread.sleep(1000 + random.nextInt(1500));
            if (filler != null && n >= emptyAt) {
                Files.delete(filler); // the server takes blocks again; reconcile passes bring the copies it refused
                filler = null;
            }
            // The first faults are one of each kind, so even the shortest run meets them all; the disk
            // fills with the first crash, so that it costs the run no time of its own. The meta group's
            // crash is not among them: each blank meta fault SIGKILLs and restarts the whole group too.
            // 0-4 a data server's crash, 5-6 the whole meta group's, 7-8 the meta master's, 9-10 a meta
            // replica wiped, 11 a blank meta, 12 a full disk.
            int kind = n == 0 ? 0 : n == 1 ? 7 : n == 2 ? JOIN : n == 3 ? 11 : n == 4 ? RETIRE : n == 5 ? 9
                    : random.nextInt(13);
            if ((n == 0 || kind == 12) && canFillDisk && filler == null) {
                filler = fillDisk(cluster);
                emptyAt = n + 2;
                count(DISK_FULL);
                if (kind == 12) continue;
            }
            if (kind == 12) kind = 0; // the disk is full already, or cannot be filled: crash a server instead
            long t0 = System.nanoTime();
            // A member a master kill left down is back before the next meta fault: one member down at a time.
            if (kind >= 5 && kind < 12) awaitMetaRestart();
            if (kind == JOIN) {
                joined = cluster.addDataServer(); // placement moves a share of the blocks to it
                count(JOIN_NAME);
            } else if (kind == RETIRE) {
                cluster.metaService().retire(joined); // it drains, then leaves the ring
                retired = joined;
                count(RETIRE_NAME);
            } else if (kind < 5) {
                String victim = servers.get(random.nextInt(servers.size()));
                cluster.crash(victim);
                Thread.sleep(500 + random.nextInt(2500));
                cluster.start(victim);
                count(DATA_CRASH);
            } else if (kind < 7) {
                cluster.crashMeta(); // every member: the group's power cut
                Thread.sleep(300 + random.nextInt(1500));
                cluster.startMeta();
                count(META_CRASH);
            } else if (kind < 9) {
                killMetaMaster(cluster, random);
                count(META_MASTER_KILL);
            } else if (kind < 11) {
                wipeMetaReplica(cluster, random);
                count(META_REPLICA_WIPE);
            } else {
                blankMeta(cluster, random); // the clients keep going: their calls name the cluster, and it refuses them
                count(BLANK_META);
            }
            System.out.printf("fault-injection run: fault %d (kind %d) took %.1f s%n", n, kind, (System.nanoTime() - t0) / 1e9);
        }
        awaitMetaRestart();
        if (filler != null) Files.delete(filler);
        return null;
    }

    static final int JOIN = 100;
    static final int RETIRE = 101;
    static final String DATA_CRASH = "data crash";
    static final String META_CRASH = "meta crash";
    static final String META_MASTER_KILL = "meta master kill";
    static final String META_REPLICA_WIPE = "meta replica wipe";
    static final String BLANK_META = "blank meta";
    static final String JOIN_NAME = "join";
    static final String RETIRE_NAME = "retire";
    static final String DISK_FULL = "disk full";
    /** The server the run retired, if it got that far. */
    volatile String retired;

    private void count(String kind) {
        faults.incrementAndGet();
        synchronized (faultsByKind) {
            faultsByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /**
     * Fills the small disk with a file until its data server has no room for a block outside its
     * reserve (it says so in its status at once: it measures the disk at every write); returns the
     * file, whose removal gives the room back.
     */
    private Path fillDisk(MiniRingFsCluster cluster) throws Exception {
        Path disk = cluster.dataDir(smallDisk);
        Path filler = disk.resolve("filler");
        long bytes = Files.getFileStore(disk).getUsableSpace() - RESERVE / 2;
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long left = bytes; left > 0; left -= chunk.limit()) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), left));
                while (chunk.hasRemaining()) out.write(chunk);
            }
        }
        assertThat(cluster.blockService(smallDisk).status().vitals().freeBytes()).as(smallDisk + " has no room for blocks").isZero();
        return filler;
    }

    /**
     * SIGKILLs the meta master under the clients' load: the other two elect a new one (the time is
     * recorded) and the clients follow it; the killed member starts again later, in the background
     * while the next faults run (the next meta fault waits for it), and catches up.
     */
    private void killMetaMaster(MiniRingFsCluster cluster, Random random) throws Exception {
        int master = cluster.awaitMetaMaster();
        cluster.crashMetaMember(master);
        long t0 = System.nanoTime();
        int next = cluster.awaitMetaMaster(Duration.ofSeconds(60));
        failovers.add(Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        assertThat(next).as("a new master, not the killed one").isNotEqualTo(master);
        long later = 500 + random.nextInt(2000); // the group serves on two members meanwhile
        metaRestart = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(later);
                cluster.startMetaMember(master);
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** The restart a master kill left running, if any. */
    private CompletableFuture<Void> metaRestart;

    /** Waits for the killed master's restart, if one runs. */
    private void awaitMetaRestart() throws Exception {
        if (metaRestart != null) metaRestart.get(5, TimeUnit.MINUTES);
        metaRestart = null;
    }

    /**
     * A replica loses its disk: killed, its store deleted, started again: it comes back from the
     * others (JE feeds it the group's log, or copies a member's store when the log no longer reaches back).
     */
    private void wipeMetaReplica(MiniRingFsCluster cluster, Random random) throws Exception {
        int master = cluster.awaitMetaMaster();
        int replica = 1 + (master + random.nextInt(META_MEMBERS - 1)) % META_MEMBERS;
        String name = "meta-" + replica;
        cluster.crashMetaMember(replica); // a lost disk, with its machine: no clean stop
        cluster.deleteMetaStore(replica);
        long restoresBefore = restores(cluster, name);
        Thread.sleep(300 + random.nextInt(1500));
        cluster.startMetaMember(replica);
        rebuilds.add(restores(cluster, name) > restoresBefore ? "network restore" : "fed the group's log");
    }

    /** How many network restores meta member NAME's log tells of. */
    private static long restores(MiniRingFsCluster cluster, String name) throws IOException {
        Path log = cluster.logFile(name);
        if (!Files.exists(log)) return 0;
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("copying a member's log")).count();
        }
    }

    /**
     * Meta of another cluster: every member of the group killed, and meta started on an empty
     * directory (a new cluster id) at one member's address, the one the clients and data servers can
     * reach; they must refuse it and delete nothing. Then it is gone and the real members start again.
     */
    private void blankMeta(MiniRingFsCluster cluster, Random random) throws Exception {
        cluster.crashMeta();
        String address = cluster.metaMemberAddress(1 + random.nextInt(META_MEMBERS));
        ClusterDirectory layout = new ClusterDirectory(cluster.root());
        ServerLauncher launcher = new ServerLauncher(layout);
        Path dir = layout.serverDir(ClusterDirectory.META); // root/meta: no member's; empty
        List<String> args = List.of(ClusterDirectory.META, "--listen", address, "--dir", dir.toString(),
                "--block-size", Integer.toString(BLOCK), "--ring", String.join(",", cluster.dataServerNames().subList(0, SERVERS)),
                "--session-timeout-ms", Long.toString(SESSION_TIMEOUT.toMillis()));
        ProcessHandle blank = launcher.launch(ClusterDirectory.META, ServerLauncher.javaCommand(args));
        try {
            launcher.awaitPort(ClusterDirectory.META, blank, Duration.ofSeconds(180));
            Thread.sleep(1000); // heartbeats, reconcile passes and sweeps against the blank meta
            // Each data server says it refuses the blank meta once a heartbeat met it (each second).
            for (String name : cluster.dataServerNames()) {
                if (!cluster.isRunning(name)) continue;
                try {
                    MiniRingFsCluster.waitUntil(() -> refuses(cluster, name), Duration.ofSeconds(30));
                } catch (IllegalStateException e) {
                    throw new AssertionError(name + " does not refuse the blank meta at " + address + " after 30 s", e);
                }
            }
        } finally {
            ServerStopper.kill(blank);
        }
        Files.move(dir, dir.resolveSibling("meta.blank-" + System.nanoTime()));
        cluster.startMeta();
    }

    private static boolean refuses(MiniRingFsCluster cluster, String name) {
        try {
            return !cluster.blockService(name).status().clusterRefusal().isEmpty();
        } catch (RingFsException e) {
            return false;
        }
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
            // The first operations are the long ones, so that even the shortest run holds files open
            // past the timers, and unlinks (odd workers) or renames over (even ones) an open file.
            int[] first = {WRITE, HOLD_REPLACED, HOLD_ACROSS_TIMERS};
            for (int done = 0; running.get(); done++) {
                String path = dir + "/f" + (done < first.length ? done / 2 : random.nextInt(6));
                String to = dir + "/f" + random.nextInt(6);
                int op = done < first.length ? first[done] : random.nextInt(100);
                Set<Content> before = model.getOrDefault(path, Set.of(Content.ABSENT));
                pending = null;
                pendingTo = null;
                mayBeEmptied = false;
                try {
                    if (op < 26) write(path);
                    else if (op < 44) append(path, before);
                    else if (op < 54) truncate(path, before);
                    else if (op < 64) rename(path, to, before);
                    else if (op < 72) unlink(path);
                    else if (op < 78) holdOpenWhileReplaced(path, before, done < first.length ? id % 2 == 0 : random.nextBoolean());
                    else if (op < 84) holdOpenAcrossTimers(path);
                    else verify(path, before);
                } catch (RingFsException | RuntimeException e) {
                    // Not acknowledged: the operation may or may not have happened.
                    if (e instanceof RingFsException r && r.code() == ErrorCode.NO_SPACE) refusedForSpace.incrementAndGet();
                    uncertain(path, to, before, e);
                }
                operations.incrementAndGet();
            }
        }

        static final int WRITE = 0;
        static final int HOLD_REPLACED = 72;
        static final int HOLD_ACROSS_TIMERS = 78;

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
            pending = Content.partly(new byte[0], data); // a write held up past the commit timer commits its full blocks
            mayBeEmptied = true;
            try (OpenFile f = fs.create(path, 0644, 0, 0, false)) {
                f.truncate(0);
                f.write(0, data, 0, data.length);
            }
            model.put(path, Set.of(new Content(data)));
            mayBeEmptied = false;
        }

        void append(String path, Set<Content> before) throws RingFsException {
            if (before.size() != 1 || before.contains(Content.ABSENT)) {
                verify(path, before);
                return;
            }
            byte[] old = before.iterator().next().bytes;
            byte[] more = bytes(1 + random.nextInt(BLOCK));
            byte[] after = concat(old, more);
            pending = Content.partly(old, after);
            try (OpenFile f = fs.open(path, false)) {
                f.append(more, 0, more.length);
            }
            model.put(path, Set.of(new Content(after)));
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

        /**
         * A handle keeps reading and writing its file past the session timeout and the commit timer
         * while another client unlinks it or renames another file over it: the handle still sees the
         * file it opened, with its own writes, and the path what the other client made of it.
         */
        void holdOpenWhileReplaced(String path, Set<Content> before, boolean renameOver) throws RingFsException {
            if (before.size() != 1 || before.contains(Content.ABSENT)) return;
            byte[] expected = before.iterator().next().bytes;
            OpenFile f = fs.open(path, false);
            try {
                if (renameOver) {
                    byte[] replacement = bytes(random.nextInt(2 * BLOCK));
                    String from = dir + "/replacement";
                    pending = new Content(replacement);
                    try (OpenFile r = other.create(from, 0644, 0, 0, false)) {
                        r.truncate(0);
                        r.write(0, replacement, 0, replacement.length);
                    }
                    other.rename(from, path);
                    model.put(path, Set.of(pending));
                } else {
                    pending = Content.ABSENT;
                    other.unlink(path);
                    model.put(path, Set.of(Content.ABSENT));
                }
            } catch (RingFsException | RuntimeException e) {
                closeQuietly(f);
                throw e;
            }
            pending = null;
            // The path is settled; from here on only the open, nameless inode is read and written.
            try {
                sleep(HOLD.toMillis());
                byte[] more = bytes(1 + random.nextInt(BLOCK));
                int at = random.nextInt(expected.length + 1);
                f.write(at, more, 0, more.length);
                expected = Arrays.copyOf(expected, Math.max(expected.length, at + more.length));
                System.arraycopy(more, 0, expected, at, more.length);
                sleep(1000); // the read-ahead and cached blocks are whatever they are by now
                byte[] got = readAll(f);
                if (!Arrays.equals(got, expected)) {
                    lostWhileOpen.incrementAndGet();
                    System.err.println("worker " + id + ": " + path + " changed under its open handle after "
                            + (renameOver ? "a rename over it" : "an unlink") + ": " + new Content(got) + ", expected "
                            + new Content(expected));
                }
                f.close();
            } catch (RingFsException | RuntimeException e) {
                closeQuietly(f); // a fault cut the nameless file's I/O short: nothing was acknowledged
            }
        }

        /**
         * A writer holds its file open past the session timeout and the commit timer between two
         * writes, while the data servers reconcile every second: close acknowledges both.
         */
        void holdOpenAcrossTimers(String path) throws RingFsException {
            byte[] first = bytes(BLOCK + random.nextInt(2 * BLOCK));
            byte[] second = bytes(1 + random.nextInt(BLOCK));
            byte[] all = concat(first, second);
            pending = Content.partly(new byte[0], all); // the timer commits the full blocks stored by then
            mayBeEmptied = true;
            try (OpenFile f = fs.create(path, 0644, 0, 0, false)) {
                f.truncate(0);
                f.write(0, first, 0, first.length);
                sleep(HOLD.toMillis());
                f.write(first.length, second, 0, second.length);
            }
            model.put(path, Set.of(new Content(all)));
            mayBeEmptied = false;
        }

        final AtomicLong lostWhileOpen = new AtomicLong();

        void verify(String path, Set<Content> acceptable) throws RingFsException {
            Content now = readContent(fs, path);
            if (!accepts(acceptable, now)) {
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
                if (!accepts(e.getValue(), now)) {
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

    static byte[] readAll(OpenFile f) throws RingFsException {
        byte[] out = new byte[(int) f.size()];
        for (int at = 0; at < out.length; ) {
            int n = f.read(at, out, at, out.length - at);
            if (n < 0) return Arrays.copyOf(out, at);
            at += n;
        }
        return out;
    }

    static void closeQuietly(OpenFile f) {
        try {
            f.close();
        } catch (RingFsException | RuntimeException e) {
            // not acknowledged; the model already allows for it
        }
    }

    static boolean accepts(Set<Content> acceptable, Content now) {
        return acceptable.stream().anyMatch(c -> c.admits(now));
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

    /**
     * A file's bytes, or its absence; equal by content. With {@code from}, the contents a write from
     * {@code from} to {@code bytes} may have left when it failed after the open file's commit timer
     * committed some of its full blocks: block by block either, ending at either end or at a block
     * boundary between.
     */
    record Content(byte[] bytes, byte[] from) {
        static final Content ABSENT = new Content(null);

        Content(byte[] bytes) { this(bytes, null); }

        static Content partly(byte[] from, byte[] to) { return new Content(to, from); }

        boolean admits(Content now) {
            if (from == null) return equals(now);
            if (now.bytes == null || now.from != null) return false;
            int n = now.bytes.length;
            boolean end = n == from.length || n == bytes.length
                    || (n % BLOCK == 0 && n > Math.min(from.length, bytes.length) && n < Math.max(from.length, bytes.length));
            if (!end) return false;
            for (int at = 0; at < n; at += BLOCK) {
                int until = Math.min(n, at + BLOCK);
                if (!sameRange(now.bytes, bytes, at, until) && !sameRange(now.bytes, from, at, until)) return false;
            }
            return true;
        }

        /** Whether {@code a} equals {@code b} on [at, until), {@code b} read as zeros past its end. */
        private static boolean sameRange(byte[] a, byte[] b, int at, int until) {
            for (int i = at; i < until; i++) if (a[i] != (i < b.length ? b[i] : 0)) return false;
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && Arrays.equals(bytes, c.bytes) && Arrays.equals(from, c.from);
        }

        @Override
        public int hashCode() { return 31 * Arrays.hashCode(bytes) + Arrays.hashCode(from); }

        @Override
        public String toString() {
            String to = bytes == null ? "absent" : bytes.length + " bytes #" + Arrays.hashCode(bytes);
            return from == null ? to : "whole blocks of " + from.length + " bytes #" + Arrays.hashCode(from) + " or " + to;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
