package org.ringfs.e2e.bench.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bench's profiler: every watched process records CPU samples with JDK Flight Recorder
 * (started and dumped through {@code jcmd}), and each workload's window is dumped when it ends, so
 * a server the bench kills later loses nothing already taken. {@link #finish()} draws one flame
 * graph per workload (all rounds together) and an index of where each workload's CPU went.
 * {@link #off()} does nothing at all.
 */
public final class Profiler implements WorkloadObserver {
    private static final String RECORDING = "ringfs-bench";
    private static final Duration JCMD_WAIT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    /** Process name to how to find its pid now (a restarted server has a new one). */
    private final Map<String, Supplier<OptionalLong>> watched = new LinkedHashMap<>();
    /** Process name to the pid recording in it. */
    private final Map<String, Long> recording = new LinkedHashMap<>();
    private final List<Workload> windows = new ArrayList<>();
    /** Workload name to its samples per process, all rounds together. */
    private final Map<String, Map<String, StackCounts>> samples = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private String current;
    private Instant currentStart;

    private Profiler(Path dir) {
        this.dir = dir;
    }

    /** A profiler that records nothing. */
    public static Profiler off() {
        return new Profiler(null);
    }

    private boolean isOff() { return dir == null; }

    /** Writes its flame graphs and index into {@code dir}. */
    public static Profiler into(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new Profiler(dir);
    }

    @Override
    public void watch(String process, Supplier<OptionalLong> pid) {
        if (isOff()) return;
        watched.put(process, pid);
    }

    /** A workload starts: processes not recording yet (new, or restarted) start now. */
    @Override
    public void begin(String workload) {
        if (isOff()) return;
        current = workload;
        parallel(startMissing());
        currentStart = Instant.now();
    }

    /** The workload that began last has ended: each process's samples of it are dumped and sorted now. */
    @Override
    public void end() {
        if (current == null) return;
        Workload w = new Workload(current, currentStart, Instant.now());
        windows.add(w);
        current = null;
        List<Runnable> dumps = new ArrayList<>();
        for (Map.Entry<String, Long> r : new ArrayList<>(recording.entrySet())) {
            dumps.add(() -> collect(r.getKey(), r.getValue(), w));
        }
        parallel(dumps);
    }

    /** Draws the graphs and the index; the directory they are in. */
    public Path finish() throws IOException {
        if (isOff()) return null;
        List<String> index = new ArrayList<>();
        index.add("# Where each workload's CPU went");
        index.add("");
        index.add("CPU samples (JDK Flight Recorder, every 10-20 ms of a thread running Java code; threads waiting,"
                + " GC and JIT threads, native code and the kernel are not sampled: use perf for those) per process,"
                + " all rounds together. One flame graph per workload beside this file.");
        index.add("");
        index.add("| workload | samples | busiest processes (share of the workload's samples) | graph |");
        index.add("|---|---|---|---|");
        for (Map.Entry<String, Map<String, StackCounts>> w : samples.entrySet()) {
            String file = w.getKey() + ".svg";
            new FlameGraph(w.getKey(), w.getValue()).write(dir.resolve(file));
            long all = w.getValue().values().stream().mapToLong(StackCounts::total).sum();
            List<String> shares = new ArrayList<>();
            w.getValue().entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue().total(), a.getValue().total()))
                    .limit(4)
                    .forEach(e -> shares.add(String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue().total() / all)));
            index.add("| " + w.getKey() + " | " + all + " | " + String.join(", ", shares) + " | [" + file + "](" + file + ") |");
        }
        if (!problems.isEmpty()) {
            index.add("");
            index.add("Not recorded:");
            problems.forEach(p -> index.add("- " + p));
        }
        parallel(stopAll());
        Files.write(dir.resolve("index.md"), index, StandardCharsets.UTF_8);
        return dir;
    }

    private List<Runnable> startMissing() {
        List<Runnable> starts = new ArrayList<>();
        for (Map.Entry<String, Supplier<OptionalLong>> w : watched.entrySet()) {
            OptionalLong pid = w.getValue().get();
            if (pid.isEmpty() || Long.valueOf(pid.getAsLong()).equals(recording.get(w.getKey()))) continue;
            String process = w.getKey();
            long p = pid.getAsLong();
            starts.add(() -> {
                // maxage bounds the recording: each window is dumped when it ends, nothing older is needed.
                if (jcmd(p, "JFR.start", "name=" + RECORDING, "settings=profile", "maxage=15m") == null) {
                    synchronized (this) { recording.put(process, p); }
                } else {
                    problem(process + " (pid " + p + "): JFR.start failed");
                }
            });
        }
        return starts;
    }

    private List<Runnable> stopAll() {
        List<Runnable> stops = new ArrayList<>();
        for (Map.Entry<String, Long> r : recording.entrySet()) {
            stops.add(() -> jcmd(r.getValue(), "JFR.stop", "name=" + RECORDING));
        }
        return stops;
    }

    private void collect(String process, long pid, Workload w) {
        Path file = dir.resolve(w.name() + "." + process + "." + pid + ".jfr");
        try {
            String failed = jcmd(pid, "JFR.dump", "name=" + RECORDING, "filename=" + file,
                    "begin=" + w.start().minusSeconds(1));
            if (failed != null) {
                problem(process + " (pid " + pid + ") in " + w.name() + ": " + failed);
                synchronized (this) { recording.remove(process, pid); } // ended: a restart is picked up at the next begin
                return;
            }
            Map<String, StackCounts> split = RecordingSplitter.split(file, List.of(w));
            StackCounts counts = split.get(w.name());
            if (counts != null) {
                synchronized (this) {
                    StackCounts into = samples.computeIfAbsent(w.name(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(process, k -> new StackCounts());
                    counts.stacks().forEach((stack, n) -> into.add(List.of(stack.split(";")), n));
                }
            }
        } catch (IOException e) {
            problem(process + " in " + w.name() + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                problem("cannot delete " + file + ": " + e.getMessage());
            }
        }
    }

    /** Runs jcmd; null when it succeeded, else what went wrong. */
    private String jcmd(long pid, String... command) {
        List<String> argv = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        argv.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(JCMD_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "jcmd " + command[0] + " did not answer within " + JCMD_WAIT.toSeconds() + " s";
            }
            String said = new String(out, StandardCharsets.UTF_8).strip();
            // jcmd exits 0 even when the command failed in the target; a failure names itself.
            if (p.exitValue() != 0 || said.contains("Exception") || said.contains("Could not")) {
                return "jcmd " + command[0] + ": " + said.lines().reduce((a, b) -> b).orElse("exit " + p.exitValue());
            }
            return null;
        } catch (IOException e) {
            return "jcmd " + command[0] + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private synchronized void problem(String what) {
        problems.add(what);
    }

    private static void parallel(List<Runnable> tasks) {
        if (tasks.isEmpty()) return;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(tasks.size(), 8));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Runnable t : tasks) running.add(pool.submit(t));
            for (Future<?> f : running) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("profiler task failed", e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
