package org.ringfs.e2e.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.cli.local.ServerLauncher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `ringfs bench` on tiny sizes, as its own process like a user runs it: it completes and prints
 * every figure line and the table. Speeds are never asserted: this machine is shared.
 */
class BenchCommandTest {
    private static final List<String> FIGURES = List.of(
            "disk.seq-write", "disk.fsync-4k",
            "client.seq-write", "client.seq-read", "client.random-read-4k", "client.small-create", "client.small-stat",
            "client.small-list", "client.small-read", "client.dir-rename", "client.small-delete",
            "client.degraded-read", "client.rebuild", "memory.client", "memory.meta", "memory.data-1");

    @TempDir
    Path work;

    @Test
    void printsEveryFigureAndTheTable() throws IOException, InterruptedException {
        Path out = work.resolve("report.md");
        Path log = work.resolve("bench.out");
        List<String> command = new ArrayList<>(ServerLauncher.javaCommand(List.of("bench", "--size", "8M",
                "--files", "50", "--runs", "1", "--paths", "client", "--out", out.toString(), "--profile")));
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        boolean ended = p.waitFor(4, TimeUnit.MINUTES);
        if (!ended) p.destroyForcibly().waitFor();
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "bench did not finish in 4 minutes:\n" + printed);
        assertEquals(0, p.exitValue(), printed);
        for (String figure : FIGURES) {
            assertTrue(printed.lines().anyMatch(l -> l.matches("\\Q" + figure + "\\E: [0-9.]+ \\([0-9.]+-[0-9.]+\\) \\S+")),
                    "no line for " + figure + " in:\n" + printed);
        }
        assertTrue(printed.lines().anyMatch(l -> l.matches("disk\\.seq-read-(cold|warm): .*")), printed);
        assertTrue(printed.contains("| figure | median | reference (median) | ratio (median of per-run ratios) | target | result |"),
                printed);
        assertTrue(printed.contains("| client.small-create |"), printed);
        assertTrue(Files.readString(out).contains("| client.seq-write |"), "the report file holds the table");
        assertTrue(Files.readString(work.resolve("report.svg")).startsWith("<svg"), "the chart is written beside it");

        // --profile: every process recorded, a graph per workload, an index naming the busiest.
        String index = Files.readString(work.resolve("profile/index.md"));
        assertTrue(index.contains("| client.seq-read |") && index.contains("| client.rebuild |"), index);
        assertTrue(index.lines().filter(l -> l.startsWith("| client.seq-write |")).anyMatch(l -> l.contains("data-")),
                "a data server's samples are in the write's profile:\n" + index);
        String graph = Files.readString(work.resolve("profile/client.seq-read.svg"));
        assertTrue(graph.contains("<svg") && graph.contains("CPU samples"), graph.substring(0, Math.min(500, graph.length())));
    }
}
