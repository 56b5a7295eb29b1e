package org.ringfs.e2e.bench;

import org.ringfs.cli.Progress;
import org.ringfs.e2e.bench.profile.WorkloadObserver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The workloads every access path runs, one run at a time: a large file written, read, and read
 * at random 4 KiB offsets; N small files created, stat'ed, listed, read, their directory renamed,
 * and deleted. Small-file work is spread over {@code threads} threads, as a busy client would.
 * The directory is listed {@value #LISTINGS} times and renamed {@value #RENAMES} times (there and
 * back, ending renamed), and each figure is the mean: one listing or rename per run measured mostly
 * the JIT's first compiles of the path (a young JVM's second call).
 */
final class PathWorkloads {
    static final int SMALL_FILE = 4096;
    private static final int RANDOM_READS = 2000;
    private static final double RANDOM_READ_SECONDS = 3;
    private static final long RANDOM_SEED = 4096;
    static final int LISTINGS = 5;
    /** Odd, so the directory ends under its new name. */
    static final int RENAMES = 5;

    /** Workloads one path runs per round, as {@link #run} counts them on the progress bar. */
    static final int STEPS = 9;

    private final Figures figures;
    private final BenchOptions options;
    private final Progress progress;
    private final WorkloadObserver profiler;

    PathWorkloads(Figures figures, BenchOptions options, Progress progress, WorkloadObserver profiler) {
        this.figures = figures;
        this.options = options;
        this.progress = progress;
        this.profiler = profiler;
    }

    /** A workload of path {@code p} starts: the bar names it, the profiler opens its window ({@code figure}'s). */
    private void starting(String p, String workload, String figure) {
        progress.doing(p + " " + workload);
        profiler.begin(p + "." + figure);
    }

    /** The workload that started last has ended. */
    private void ended() {
        profiler.end();
        progress.step();
    }

    /** The large file's path for run {@code run} under {@code dir}. */
    static String largeFile(String dir, int run) { return dir + "/large-" + run; }

    /**
     * Writes the large file of this run (it stays for the cluster workloads; the caller deletes it)
     * and runs the other workloads; {@code afterLargeWrite} runs when the large write has ended.
     */
    void run(AccessPath path, String dir, int run, Runnable afterLargeWrite) throws IOException {
        String p = path.name();
        String large = largeFile(dir, run);
        starting(p, "sequential write", "seq-write");
        Stopwatch w = new Stopwatch();
        path.writeLarge(large, options.size());
        figures.add(p + ".seq-write", Figures.MB_S, w.megabytesPerSecond(options.size()));
        ended();
        afterLargeWrite.run();

        starting(p, "sequential read", "seq-read");
        Stopwatch r = new Stopwatch();
        long read = path.readLarge(large);
        figures.add(p + ".seq-read", Figures.MB_S, r.megabytesPerSecond(read));
        if (read != options.size()) throw new IOException(p + " read " + read + " bytes of " + options.size());
        ended();

        starting(p, "random 4 KiB reads", "random-read-4k");
        randomReads(path, large);
        ended();
        smallFiles(path, dir + "/small-" + run, dir + "/renamed-" + run);
    }

    private void randomReads(AccessPath path, String large) throws IOException {
        SplittableRandom random = new SplittableRandom(RANDOM_SEED);
        long slots = Math.max(1, options.size() / SMALL_FILE);
        byte[] buffer = new byte[SMALL_FILE];
        int done = 0;
        try (AccessPath.RangeReader reader = path.openRanges(large)) {
            Stopwatch w = new Stopwatch();
            while (done < RANDOM_READS && w.seconds() < RANDOM_READ_SECONDS) {
                reader.read(random.nextLong(slots) * SMALL_FILE, buffer, SMALL_FILE);
                done++;
            }
            figures.add(path.name() + ".random-read-4k", Figures.PER_S, w.perSecond(done));
        }
    }

    private void smallFiles(AccessPath path, String dir, String renamed) throws IOException {
        String p = path.name();
        int n = options.files();
        path.mkdir(dir);
        byte[][] contents = new byte[Math.min(n, 64)][];
        for (int i = 0; i < contents.length; i++) contents[i] = Pattern.small(SMALL_FILE, i);

        starting(p, "small creates", "small-create");
        Stopwatch create = new Stopwatch();
        inParallel(n, i -> path.writeSmall(dir + "/f" + i, contents[i % contents.length]));
        figures.add(p + ".small-create", Figures.PER_S, create.perSecond(n));
        ended();
        starting(p, "stats", "small-stat");

        Stopwatch stat = new Stopwatch();
        inParallel(n, i -> {
            if (path.stat(dir + "/f" + i) != SMALL_FILE) throw new IOException("f" + i + " has the wrong size");
        });
        figures.add(p + ".small-stat", Figures.PER_S, stat.perSecond(n));
        ended();
        starting(p, "list", "small-list");

        Stopwatch list = new Stopwatch();
        for (int i = 0; i < LISTINGS; i++) {
            int entries = path.list(dir);
            if (entries != n) throw new IOException(p + " listed " + entries + " entries of " + n);
        }
        figures.add(p + ".small-list", Figures.MS, list.millis() / LISTINGS);
        ended();
        starting(p, "small reads", "small-read");

        Stopwatch read = new Stopwatch();
        inParallel(n, i -> {
            if (path.readSmall(dir + "/f" + i) != SMALL_FILE) throw new IOException("f" + i + " read short");
        });
        figures.add(p + ".small-read", Figures.PER_S, read.perSecond(n));
        ended();
        starting(p, "directory rename", "dir-rename");

        Stopwatch rename = new Stopwatch();
        for (int i = 0; i < RENAMES; i++) {
            if (i % 2 == 0) path.rename(dir, renamed);
            else path.rename(renamed, dir);
        }
        figures.add(p + ".dir-rename", Figures.MS, rename.millis() / RENAMES);
        ended();
        starting(p, "small deletes", "small-delete");

        Stopwatch delete = new Stopwatch();
        inParallel(n, i -> path.delete(renamed + "/f" + i));
        figures.add(p + ".small-delete", Figures.PER_S, delete.perSecond(n));
        path.deleteTree(renamed);
        ended();
    }

    /** One file operation of the small-file workloads. */
    private interface FileTask {
        void run(int i) throws IOException;
    }

    /** Runs tasks 0..n-1 on the bench's threads; the first failure is thrown once all have ended. */
    private void inParallel(int n, FileTask task) throws IOException {
        int threads = Math.max(1, Math.min(options.threads(), n));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < n; i += threads) task.run(i);
                    return null;
                }));
            }
            IOException failure = null;
            for (Future<Void> f : parts) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    IOException cause = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    if (failure == null) failure = cause;
                    else failure.addSuppressed(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted during a small-file workload", e);
                }
            }
            if (failure != null) throw failure;
        } finally {
            pool.shutdownNow();
        }
    }
}
