package org.ringfs.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real workload beside the synthetic ones: {@code git clone} of a repository of a few thousand
 * files, then {@code git fsck --full} of the clone, timed on a directory (the local disk, or under a
 * mount). The repository is made by the bench itself, from seeded text, since these machines reach
 * no git host: {@code files} files in folders of 50, three commits (all files, a tenth changed, a
 * hundred added). It is cloned over the file:// transport, as from a server, not hard-linked.
 */
final class GitWorkload {
    private static final int PER_FOLDER = 50;
    private static final long GIT_SECONDS = 600;

    private final Path source;

    private GitWorkload(Path source) {
        this.source = source;
    }

    /** Why the workload cannot run here (no git), or empty. */
    static Optional<String> unavailable() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.empty()
                    : Optional.of("git --version failed");
        } catch (IOException e) {
            return Optional.of("no git on this machine (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** Makes the source repository of {@code files} files under {@code dir} (a new directory). */
    static GitWorkload prepare(Path dir, int files) throws IOException {
        Path repo = Files.createDirectories(dir);
        git(repo, "init", "-q");
        for (int i = 0; i < files; i++) writeSource(repo, i, 0);
        commit(repo, "all files");
        for (int i = 0; i < files; i += 10) writeSource(repo, i, 1);
        commit(repo, "a tenth changed");
        for (int i = files; i < files + 100; i++) writeSource(repo, i, 0);
        commit(repo, "a hundred added");
        return new GitWorkload(repo);
    }

    /** The files the clone's work tree holds. */
    static int clonedFiles(int files) {
        return files + 100;
    }

    /** Clones into {@code dest} (which must not exist), checks the clone with fsck; the seconds both took. */
    double cloneAndCheck(Path dest) throws IOException {
        Stopwatch w = new Stopwatch();
        git(dest.getParent(), "clone", "-q", "--no-hardlinks", source.toUri().toString(), dest.getFileName().toString());
        git(dest, "fsck", "--full", "--no-progress");
        return w.seconds();
    }

    /** Removes a clone (not timed). */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Text for file {@code i}, version {@code version}: 1 to 8 KiB of seeded words, which git compresses as it would source. */
    private static void writeSource(Path repo, int i, int version) throws IOException {
        Path file = repo.resolve("d" + (i / PER_FOLDER)).resolve("f" + i + ".txt");
        Files.createDirectories(file.getParent());
        java.util.SplittableRandom r = new java.util.SplittableRandom(i * 31L + version);
        int size = 1024 + r.nextInt(7 * 1024);
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            text.append("word").append(r.nextInt(2000)).append(r.nextInt(12) == 0 ? '\n' : ' ');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void commit(Path repo, String message) throws IOException {
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=ringfs bench", "-c", "user.email=bench@ringfs.invalid", "commit", "-q", "-m", message);
    }

    private static void git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        b.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        b.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Path output = Files.createTempFile("ringfs-bench-git-", ".out");
        try {
            Process p = b.redirectOutput(output.toFile()).start(); // -q keeps it short
            p.getOutputStream().close();
            if (!p.waitFor(GIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " took more than " + GIT_SECONDS + " s in " + dir);
            }
            if (p.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " in " + dir + " exited " + p.exitValue() + ": "
                        + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during git " + args[0], e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
