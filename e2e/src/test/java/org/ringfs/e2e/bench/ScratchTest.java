package org.ringfs.e2e.bench;

import org.junit.jupiter.api.Test;
import org.ringfs.e2e.cluster.Tmpfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bench's scratch directory is gone when the bench ends, however it ends, and no mount below it is touched. */
class ScratchTest {
    @Test
    void closingDeletesTheTreeAndDropsTheExitHook() throws Exception {
        Scratch scratch = Scratch.create();
        Path root = scratch.root();
        Files.createDirectories(root.resolve("cluster/data-1"));
        Files.writeString(root.resolve("cluster/data-1/00000000.jdb"), "x");
        boolean registered = Runtime.getRuntime().removeShutdownHook(scratch.deleteOnExit());
        if (registered) Runtime.getRuntime().addShutdownHook(scratch.deleteOnExit());

        scratch.close();

        assertThat(registered).as("registered by create").isTrue();
        assertThat(root).doesNotExist();
        assertThat(Runtime.getRuntime().removeShutdownHook(scratch.deleteOnExit())).isFalse();
    }

    @Test
    void theExitHookWaitsForTheBenchsChildProcessesThenDeletes() throws Exception {
        Scratch scratch = Scratch.create();
        Path root = scratch.root();
        Files.writeString(root.resolve("webdav.log"), "x");
        Process child = new ProcessBuilder("sleep", "2").start(); // a front still stopping
        try {
            scratch.deleteOnExit().run(); // what the JVM runs when the bench is stopped (Ctrl-C)
            assertThat(child.isAlive()).isFalse();
            assertThat(root).doesNotExist();
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            scratch.close();
        }
    }

    @Test
    void aChildThatOutlivesTheGraceDoesNotKeepTheDirectory() throws Exception {
        Scratch scratch = Scratch.create();
        Path root = scratch.root();
        Files.writeString(root.resolve("fuse.log"), "x");
        Process stuck = new ProcessBuilder("sleep", "60").start(); // a front that does not stop
        try {
            long start = System.nanoTime();
            scratch.deleteAfterChildren(Duration.ofSeconds(1));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(stuck.isAlive()).isTrue();
            assertThat(root).doesNotExist();
        } finally {
            stuck.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            scratch.close();
        }
    }

    @Test
    void aMountBelowIsNeitherEnteredNorDeleted() throws Exception {
        Path root = Files.createTempDirectory("ringfs-scratch-test-");
        Path mnt = root.resolve("mnt");
        Files.createDirectories(mnt);
        Files.writeString(root.resolve("fuse.log"), "x");
        try (Tmpfs tmpfs = new Tmpfs()) {
            assumeTrue(tmpfs.mount(mnt, 8), tmpfs.lastFailure());
            Files.writeString(mnt.resolve("a file on the mount"), "kept");

            Scratch.delete(root);

            assertThat(mnt.resolve("a file on the mount")).hasContent("kept");
            assertThat(root.resolve("fuse.log")).doesNotExist();
        }
        Scratch.delete(root); // unmounted now: all of it goes
        assertThat(root).doesNotExist();
    }
}
