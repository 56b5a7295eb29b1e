package org.ringfs.e2e.bench;

import org.ringfs.cli.Progress;
import org.ringfs.cli.QuietOption;
import org.ringfs.cli.local.ClusterDirectory;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.bench.profile.WorkloadObserver;
import org.ringfs.e2e.cluster.MiniRingFsCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One bench invocation against one cluster: brings up the paths, then runs round after round of
 * disk reference, every path's workloads and (on its own cluster) the failure workloads, so that
 * each round's references see the same machine load as its measurements.
 */
final class BenchSession {
    private final BenchOptions options;
    private final Figures figures;
    private final PageCache pageCache;
    private final Path scratch;
    private final String metaAddress;
    /** Arguments every front gets besides --meta (the secret of a closed cluster). */
    private final List<String> frontArgs;
    private final RingFsClient fs;
    /** The bench's own cluster, or null when measuring one given with --meta. */
    private final MiniRingFsCluster cluster;
    private final String root = "/ringfs-bench-" + System.currentTimeMillis();
    private final Stopwatch elapsed = new Stopwatch();
    private final QuietOption quiet;
    private Progress progress;
    /** The profiler and the CPU ledger, told where each workload's window begins and ends. */
    private final WorkloadObserver profiler;
    /** The git workload's source repository, or null when it does not run (no FUSE path, no git, --git-files 0). */
    private GitWorkload git;

    BenchSession(BenchOptions options, Figures figures, PageCache pageCache, Path scratch, String metaAddress,
                 List<String> frontArgs, RingFsClient fs, MiniRingFsCluster cluster, QuietOption quiet, WorkloadObserver profiler) {
        this.quiet = quiet;
        this.profiler = profiler;
        this.options = options;
        this.figures = figures;
        this.pageCache = pageCache;
        this.scratch = scratch;
        this.metaAddress = metaAddress;
        this.frontArgs = frontArgs;
        this.fs = fs;
        this.cluster = cluster;
    }

    void run() throws IOException {
        Map<AccessPath, Long> paths = new LinkedHashMap<>(); // path -> pid of its process
        paths.put(new ClientPath(fs), ProcessHandle.current().pid());
        Fronts fronts = new Fronts(metaAddress, frontArgs, scratch);
        try {
            fs.mkdir(root, 0777, 0, 0);
            if (options.paths().contains("fuse")) start(paths, "fuse", Fronts.fuseUnavailable(), fronts::mount);
            if (options.paths().contains("webdav")) start(paths, "webdav", Fronts.webdavUnavailable(), fronts::webdav);
            git = prepareGit(paths.keySet());
            watchForProfile(paths);
            try (Progress bar = Progress.count("bench", steps(paths.size()), "workloads", quiet)) {
                progress = bar;
                for (int run = 1; run <= options.runs(); run++) round(run, paths);
            }
        } finally {
            closeAll(paths.keySet());
        }
        fs.removeTree(root);
    }

    /** Workloads in the whole run, as the rounds count them: the disk reference, each path's, the failures'. */
    private long steps(int paths) {
        return (long) options.runs() * (1 + (long) PathWorkloads.STEPS * paths + (cluster != null ? 2 : 0)
                + (git != null ? 2 : 0));
    }

    /** The git workload runs on the FUSE mount only (the one path git can use), against the local disk. */
    private GitWorkload prepareGit(Iterable<AccessPath> paths) throws IOException {
        if (options.gitFiles() == 0) return null;
        boolean mounted = false;
        for (AccessPath p : paths) mounted |= p instanceof MountPath;
        if (!mounted) return null;
        Optional<String> unavailable = GitWorkload.unavailable();
        if (unavailable.isPresent()) {
            System.out.println("bench: git workload skipped: " + unavailable.get());
            return null;
        }
        System.out.println("bench: making a git repository of " + options.gitFiles() + " files to clone");
        return GitWorkload.prepare(scratch.resolve("git-source"), options.gitFiles());
    }

    /** One timed clone and fsck under {@code dir} (a new directory, removed afterwards). */
    private void gitRun(String figure, Path dir) throws IOException {
        starting(figure, figure);
        try {
            figures.add(figure, Figures.S, git.cloneAndCheck(dir.resolve("clone")));
        } finally {
            GitWorkload.delete(dir);
        }
        ended();
    }

    /** A workload starts: the bar names it, the profiler and the ledger open its window. */
    private void starting(String what, String figure) {
        progress.doing(what);
        profiler.begin(figure);
    }

    private void ended() {
        profiler.end();
        progress.step();
    }

    /** The processes profiled and counted: this one (the client path), meta, the data servers, the fronts. */
    private void watchForProfile(Map<AccessPath, Long> paths) {
        for (Map.Entry<AccessPath, Long> p : paths.entrySet()) {
            long pid = p.getValue();
            profiler.watch(p.getKey().name(), () -> ProcessHandle.of(pid).isPresent() ? OptionalLong.of(pid) : OptionalLong.empty());
        }
        if (cluster == null) return;
        ClusterDirectory layout = new ClusterDirectory(cluster.root());
        List<String> servers = new ArrayList<>();
        servers.add(ClusterDirectory.META);
        servers.addAll(cluster.dataServerNames());
        for (String s : servers) profiler.watch(s, () -> runningPid(layout, s)); // a restarted server has a new pid
    }

    private static OptionalLong runningPid(ClusterDirectory layout, String server) {
        try {
            return layout.running(server).map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
        } catch (IOException e) {
            return OptionalLong.empty(); // unreadable pid file: not recorded now, asked again at the next workload
        }
    }

    private interface FrontStarter {
        Fronts.FrontPath start() throws IOException;
    }

    private void start(Map<AccessPath, Long> paths, String name, Optional<String> unavailable, FrontStarter starter) {
        if (unavailable.isPresent()) {
            System.out.println("bench: " + name + " path skipped: " + unavailable.get());
            return;
        }
        try {
            Fronts.FrontPath front = starter.start();
            paths.put(front.path(), front.pid());
        } catch (IOException e) {
            System.out.println("bench: " + name + " path skipped: it did not start: " + e.getMessage());
        }
    }

    private void round(int run, Map<AccessPath, Long> paths) throws IOException {
        System.out.printf("bench: round %d of %d (%.0f s in)%n", run, options.runs(), elapsed.seconds());
        starting("disk reference", "disk.reference");
        new DiskReference(figures, scratch, pageCache).run(options.size());
        ended();
        if (git != null) gitRun("disk.git-clone-fsck", Files.createDirectories(scratch.resolve("git-run-" + run)));
        PathWorkloads workloads = new PathWorkloads(figures, options, progress, profiler);
        for (Map.Entry<AccessPath, Long> e : paths.entrySet()) {
            AccessPath path = e.getKey();
            String dir = root + "/" + path.name() + "-" + run;
            path.mkdir(dir);
            Map<String, Long> watched = watchedProcesses(path, e.getValue());
            watched.values().forEach(PeakMemory::reset);
            workloads.run(path, dir, run, () -> afterLargeWrite(watched));
            if (git != null && path instanceof MountPath mount) {
                path.mkdir(dir + "/git");
                gitRun(path.name() + ".git-clone-fsck", mount.at(dir + "/git"));
            }
            String large = PathWorkloads.largeFile(dir, run);
            if (path instanceof ClientPath && cluster != null) {
                ClusterWorkloads failures = new ClusterWorkloads(figures, cluster, fs);
                starting("degraded read", "client.degraded-read");
                pageCache.drop();
                failures.degradedRead(large, options.size());
                ended();
                starting("rebuild", "client.rebuild");
                failures.rebuild(large);
                ended();
            }
            path.deleteTree(dir);
        }
    }

    /** The processes whose peak memory a path's large write is measured by: its own, and the servers. */
    private Map<String, Long> watchedProcesses(AccessPath path, long pid) throws IOException {
        Map<String, Long> watched = new LinkedHashMap<>();
        watched.put(path.name(), pid);
        if (cluster == null || !(path instanceof ClientPath)) return watched;
        ClusterDirectory layout = new ClusterDirectory(cluster.root());
        List<String> servers = new ArrayList<>();
        servers.add(ClusterDirectory.META);
        servers.addAll(cluster.dataServerNames());
        for (String s : servers) {
            OptionalLong p = layout.pid(s);
            if (p.isPresent()) watched.put(s, p.getAsLong());
        }
        return watched;
    }

    /** Reads the peaks of the large write, then empties the page cache so the large read is cold. */
    private void afterLargeWrite(Map<String, Long> watched) {
        for (Map.Entry<String, Long> w : watched.entrySet()) {
            try {
                figures.add("memory." + w.getKey(), Figures.MIB, PeakMemory.mebibytes(w.getValue()));
            } catch (IOException e) {
                System.out.println("bench: peak memory of " + w.getKey() + " unreadable: " + e.getMessage());
            }
        }
        pageCache.drop();
    }

    private static void closeAll(Iterable<AccessPath> paths) throws IOException {
        IOException failure = null;
        for (AccessPath p : paths) {
            try {
                p.close();
            } catch (IOException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
