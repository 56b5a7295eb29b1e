package org.ringfs.cli.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one server of a local cluster as its own OS process: this JVM's java and classpath
 * running {@code org.ringfs.cli.Main <role> ...}, output appended to DIR/NAME/server.log, pid and
 * command line saved beside it so {@code down}, {@code crash} and {@code start} can find it.
 */
public final class ServerLauncher {
    public static final String MAIN_CLASS = "org.ringfs.cli.Main";
    /** Every server runs on loopback: a local cluster is for one machine. */
    public static final String HOST = "127.0.0.1";
    private static final Duration POLL = Duration.ofMillis(50);

    private final ClusterDirectory dir;

    public ServerLauncher(ClusterDirectory dir) {
        this.dir = dir;
    }

    /**
     * The heap of the servers (meta, data). No process holds more than a bounded number of blocks,
     * so none needs more; without a bound the JVM takes a quarter of the machine's memory and G1 lets
     * garbage block buffers pile up to gigabytes of RSS before it collects (seen in `ringfs bench`).
     */
    public static final String HEAP = "-Xmx512m";
    /**
     * The heap of processes that hold a client (the fronts, the CLI, bench): an open file buffers at
     * most 2 x {@code maxDirtyBlocks} blocks (16 MiB by default) and reads 8 blocks ahead, and G1
     * fills whatever heap it is given with young garbage, so 320 MiB keeps their RSS (heap plus
     * the JVM's own ~130 MiB, measured: 449 MiB copying 512 MiB) under 512 MiB. The {@code ringfs}
     * script uses the same bound.
     */
    public static final String CLIENT_HEAP = "-Xmx320m";
    /**
     * G1's region size for data servers. G1 allocates an array of half a region or more as a
     * humongous object, straight into the old generation, and starts concurrent marking for it: at
     * a 512 MiB heap the regions are 1 MiB, so every 1 MiB block read or written was one. Measured
     * on a data server serving reads of 1 MiB blocks, its GC threads (concurrent marking and
     * pauses) used about a third of its CPU with 1 MiB regions and almost none with 4 MiB, where
     * blocks under 2 MiB (the default is 1 MiB) are ordinary young objects.
     */
    public static final String DATA_REGIONS = "-XX:G1HeapRegionSize=4m";

    /** {@code java -Djdk.serialFilter=!* -Xmx... -cp <this classpath> org.ringfs.cli.Main <roleArgs>}. */
    public static List<String> javaCommand(List<String> roleArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djdk.serialFilter=!*"); // no Java deserialization in any RingFS process
        cmd.add(heapFor(roleArgs));
        if (!roleArgs.isEmpty() && roleArgs.get(0).equals("data")) cmd.add(DATA_REGIONS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.addAll(roleArgs);
        return cmd;
    }

    /**
     * The {@code data} role's arguments for server {@code name} of a local cluster: what {@code up}
     * starts it with, and what {@code start} rebuilds when its directory, command file included, is lost.
     */
    public static List<String> dataServerArgs(ClusterDirectory cluster, String name, int port, String metaAddress,
                                              Path secretFile, boolean allowFaultInjection) {
        List<String> args = new ArrayList<>(List.of("data", "--name", name,
                "--listen", HOST + ":" + port,
                "--dir", cluster.serverDir(name).toString(),
                "--meta", metaAddress));
        if (secretFile != null) args.addAll(List.of("--secret-file", secretFile.toString()));
        if (allowFaultInjection) args.add("--allow-fault-injection");
        return args;
    }

    /** The servers' heap for the meta and data roles, the client heap for every other command. */
    static String heapFor(List<String> roleArgs) {
        String role = roleArgs.isEmpty() ? "" : roleArgs.get(0);
        return role.equals("meta") || role.equals("data") ? HEAP : CLIENT_HEAP;
    }

    /** Starts {@code command} as server {@code name}; its previous port file is removed first. */
    public ProcessHandle launch(String name, List<String> command) throws IOException {
        Path serverDir = dir.serverDir(name);
        Files.createDirectories(serverDir);
        Files.deleteIfExists(dir.portFile(name)); // so awaitPort never reads the last run's port
        File log = dir.logFile(name).toFile();
        Process p = new ProcessBuilder(command)
                .directory(serverDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .start();
        p.getOutputStream().close(); // servers read no input
        dir.writeCommand(name, command);
        dir.writePid(name, p.pid());
        return p.toHandle();
    }

    /**
     * Waits until the server has written its port; fails early, with the end of its log, when the
     * process exits first.
     */
    public int awaitPort(String name, ProcessHandle process, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var port = dir.writtenPort(name);
            if (port.isPresent()) return (int) port.getAsLong();
            failIfDead(name, process);
            if (System.nanoTime() > deadline) {
                throw new LocalClusterException(name + " wrote no port within " + timeout.toSeconds() + " s; see "
                        + dir.logFile(name) + ":\n" + dir.logTail(name, 20));
            }
            sleep(POLL);
        }
    }

    /** The log server {@code name} writes. */
    public Path logFile(String name) {
        return dir.logFile(name);
    }

    /** A LocalClusterException with the end of its log if {@code process} has exited. */
    public void failIfDead(String name, ProcessHandle process) throws LocalClusterException {
        if (!process.isAlive()) {
            throw new LocalClusterException(name + " (pid " + process.pid() + ") exited; the end of "
                    + dir.logFile(name) + ":\n" + dir.logTail(name, 20));
        }
    }

    /**
     * The command with its {@code --listen HOST:0} replaced by the port the server got, so that a
     * restart keeps the address clients and the cluster map know.
     */
    public static List<String> withPort(List<String> command, int port) {
        List<String> out = new ArrayList<>(command);
        int i = out.indexOf("--listen");
        if (i < 0 || i + 1 >= out.size()) throw new IllegalArgumentException("no --listen in " + command);
        String listen = out.get(i + 1);
        out.set(i + 1, listen.substring(0, listen.lastIndexOf(':') + 1) + port);
        return out;
    }

    /**
     * The command with the value of {@code option} replaced (or the option appended when it has none):
     * what `start` and `meta add` use to give a recorded command the meta group's members of now.
     */
    public static List<String> withOption(List<String> command, String option, String value) {
        List<String> out = new ArrayList<>(command);
        int i = out.indexOf(option);
        if (i >= 0 && i + 1 < out.size()) {
            out.set(i + 1, value);
        } else {
            out.add(option);
            out.add(value);
        }
        return out;
    }

    static void sleep(Duration d) throws LocalClusterException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalClusterException("interrupted while waiting for the cluster");
        }
    }
}
