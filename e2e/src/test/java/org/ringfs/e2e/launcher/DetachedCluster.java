package org.ringfs.e2e.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A cluster that `ringfs up --detach --base-port 0` (or a fixed base port) started in a test's
 * directory, with the commands tests run against it (every command gets {@code --dir}).
 * {@link #close()} runs `down` and, should that fail, kills whatever pid files still name.
 */
final class DetachedCluster implements AutoCloseable {
    final Path dir;
    final RingFsProcess ringfs;
    final RingFsProcess.Result up;

    private DetachedCluster(Path dir, RingFsProcess ringfs, RingFsProcess.Result up) {
        this.dir = dir;
        this.ringfs = ringfs;
        this.up = up;
    }

    /** `ringfs up --detach --base-port 0 --dir WORK/var EXTRA...`, asserting it succeeded. */
    static DetachedCluster start(Path work, String... extra) throws IOException, InterruptedException {
        return start(work, 0, extra);
    }

    /** `ringfs up --detach --base-port BASE_PORT --dir WORK/var EXTRA...`, asserting it succeeded. */
    static DetachedCluster start(Path work, int basePort, String... extra) throws IOException, InterruptedException {
        Path dir = work.resolve("var");
        RingFsProcess ringfs = new RingFsProcess(work);
        List<String> args = new ArrayList<>(List.of("up", "--detach", "--base-port", Integer.toString(basePort),
                "--dir", dir.toString()));
        args.addAll(List.of(extra));
        RingFsProcess.Result up = ringfs.run(args.toArray(String[]::new));
        DetachedCluster cluster = new DetachedCluster(dir, ringfs, up);
        if (up.exitCode() != 0) {
            cluster.close();
            throw new AssertionError("ringfs up failed:\n" + up.describe());
        }
        return cluster;
    }

    /** Runs a command against this cluster ({@code --dir} appended). */
    RingFsProcess.Result run(String... args) throws IOException, InterruptedException {
        return ringfs.run(withDir(args));
    }

    RingFsProcess.Result run(Path stdin, String... args) throws IOException, InterruptedException {
        return ringfs.run(stdin, RingFsProcess.DEFAULT_TIMEOUT, withDir(args));
    }

    RingFsProcess.Result ok(String... args) throws IOException, InterruptedException {
        return ringfs.ok(withDir(args));
    }

    private String[] withDir(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dir", dir.toString()));
        return all.toArray(String[]::new);
    }

    String metaAddress() throws IOException {
        for (String line : Files.readAllLines(dir.resolve("cluster.properties"), StandardCharsets.UTF_8)) {
            if (line.startsWith("meta.address=")) return line.substring("meta.address=".length()).replace("\\:", ":");
        }
        throw new AssertionError("no meta.address in " + dir.resolve("cluster.properties"));
    }

    /** The live process a server's pid file names, if any. */
    Optional<ProcessHandle> process(String name) throws IOException {
        Path pid = dir.resolve(name).resolve("pid");
        if (!Files.exists(pid)) return Optional.empty();
        return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).filter(ProcessHandle::isAlive);
    }

    /** Every pid file under the cluster directory. */
    List<Path> pidFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.filter(p -> p.getFileName().toString().equals("pid")).toList();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        RingFsProcess.Result down = ringfs.run("down", "--dir", dir.toString());
        // If down failed, no server may outlive the test: kill what the pid files name.
        for (Path pid : pidFiles()) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (down.exitCode() != 0) throw new AssertionError("ringfs down failed:\n" + down.describe());
    }
}
