package org.ringfs.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

/**
 * The bench's scratch directory (its cluster's stores, the mount point, the fronts' logs: gigabytes
 * after a default run), deleted when the bench ends, however it ends: by {@link #close} after a run
 * or a failure, or by a shutdown hook when the bench is stopped (Ctrl-C, SIGTERM). The hook first
 * waits for this JVM's child processes to end (the cluster's and the fronts' own hooks stop them),
 * and never descends into another file system (a mount point left behind).
 */
final class Scratch implements AutoCloseable {
    /** How long the exit hook waits for the servers and fronts to stop before deleting what it can. */
    static final Duration CHILDREN_GRACE = Duration.ofSeconds(20);

    private final Path root;
    private final Thread deleteOnExit;

    private Scratch(Path root) {
        this.root = root;
        this.deleteOnExit = new Thread(() -> deleteAfterChildren(CHILDREN_GRACE), "delete-bench-scratch-on-exit");
    }

    static Scratch create() throws IOException {
        Scratch s = new Scratch(Files.createTempDirectory("ringfs-bench-"));
        Runtime.getRuntime().addShutdownHook(s.deleteOnExit);
        return s;
    }

    Path root() { return root; }

    /** What deletes the directory when this JVM exits before {@link #close} (a shutdown hook until then). */
    Thread deleteOnExit() { return deleteOnExit; }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(deleteOnExit);
        } catch (IllegalStateException exiting) {
            return; // this JVM is exiting: the hook deletes the directory
        }
        delete(root);
    }

    /** Waits up to {@code grace} for this JVM's children to end, then deletes what it can. */
    void deleteAfterChildren(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            delete(root);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench: could not delete its scratch directory " + root + ": " + e);
        }
    }

    /**
     * Deletes {@code root} and what is under it on its own file system. A directory on another one
     * (a mount point, live or dead) is not entered or deleted, and neither are the directories
     * holding it.
     */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        FileStore home = Files.getFileStore(root);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return onStore(dir, home) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // a dead mount point: left
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException holdsAMount) {
                    // a mount point below it was left
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean onStore(Path p, FileStore home) {
        try {
            return Files.getFileStore(p).equals(home);
        } catch (IOException e) {
            return false; // a dead mount point: not ours to enter
        }
    }
}
