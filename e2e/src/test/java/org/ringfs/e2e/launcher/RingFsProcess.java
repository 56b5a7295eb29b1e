package org.ringfs.e2e.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code org.ringfs.cli.Main} as its own OS process, as the ./ringfs script does, with this
 * JVM's classpath. Output goes to files, not pipes: `up --detach` leaves servers running that
 * must not hold a pipe the test waits on.
 */
final class RingFsProcess {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** What a run said and how it ended. */
    record Result(List<String> command, int exitCode, String out, String err) {
        /** For assertion messages: everything a reader needs to see why a run failed. */
        String describe() {
            return String.join(" ", command.subList(command.indexOf("org.ringfs.cli.Main"), command.size()))
                    + "\nexit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path workDir;

    RingFsProcess(Path workDir) {
        this.workDir = workDir;
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(null, DEFAULT_TIMEOUT, args);
    }

    /** Runs with {@code stdin} (or none) and kills the process if it outlives {@code timeout}. */
    Result run(Path stdin, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Client commands live a second or two: C1 alone and the serial collector start fastest.
                // The servers `up` launches get their own JVM options, not these.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djdk.serialFilter=!*", "-cp", System.getProperty("java.class.path"), "org.ringfs.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "ringfs-", ".out");
        Path err = Files.createTempFile(workDir, "ringfs-", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin != null) pb.redirectInput(stdin.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("ringfs " + String.join(" ", args) + " ran longer than " + timeout
                    + "\n--- stdout\n" + Files.readString(out) + "--- stderr\n" + Files.readString(err));
        }
        Result r = new Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** Runs and fails the test unless the command exits 0. */
    Result ok(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        if (r.exitCode() != 0) throw new AssertionError("expected success:\n" + r.describe());
        return r;
    }
}
