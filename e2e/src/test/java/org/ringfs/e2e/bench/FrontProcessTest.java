package org.ringfs.e2e.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A front the bench starts is a real process, stopped by close and, if the bench exits first, by its exit hook. */
class FrontProcessTest {
    @TempDir
    Path dir;

    /** A real server process that runs until stopped (a meta on a fresh store). */
    private FrontProcess start() throws Exception {
        return FrontProcess.start(List.of("meta", "--dir", dir.resolve("meta").toString(), "--listen", "127.0.0.1:0"),
                dir.resolve("meta.log"), () -> true, Duration.ofSeconds(30));
    }

    @Test
    void theExitHookStopsAFrontTheBenchLeftRunning() throws Exception {
        FrontProcess front = start();
        ProcessHandle process = ProcessHandle.of(front.pid()).orElseThrow();
        try {
            assertThat(process.isAlive()).isTrue();
            front.stopOnExit().run(); // what the JVM runs when the bench exits (Ctrl-C) before closing it
            process.onExit().get(20, TimeUnit.SECONDS);
            assertThat(process.isAlive()).isFalse();
        } finally {
            front.close();
        }
    }

    @Test
    void aStartedFrontHasItsExitHookAndClosingStopsItAndDropsTheHook() throws Exception {
        FrontProcess front = start();
        ProcessHandle process = ProcessHandle.of(front.pid()).orElseThrow();
        boolean registered;
        try {
            registered = Runtime.getRuntime().removeShutdownHook(front.stopOnExit());
            if (registered) Runtime.getRuntime().addShutdownHook(front.stopOnExit());
        } finally {
            front.close();
        }
        assertThat(registered).as("registered by start").isTrue();
        assertThat(process.isAlive()).isFalse();
        assertThat(Runtime.getRuntime().removeShutdownHook(front.stopOnExit())).isFalse(); // already dropped
    }
}
