package org.ringfs.e2e.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ThroughputChartTest {
    @TempDir
    Path dir;

    String chart(Figures figures) throws IOException {
        Path file = dir.resolve("chart.svg");
        new ThroughputChart(figures).write(file);
        return Files.readString(file);
    }

    @Test
    void theReadsAreDrawnBesideTheColdDiskRead() throws IOException {
        Figures figures = new Figures();
        figures.add("disk.seq-write", Figures.MB_S, 1200);
        figures.add("disk.seq-read-cold", Figures.MB_S, 617);
        figures.add("client.seq-read", Figures.MB_S, 185);
        figures.add("client.degraded-read", Figures.MB_S, 181);
        String svg = chart(figures);
        assertThat(svg).contains("<title>disk.seq-write: 1200</title>", "<title>client.seq-read: 185</title>");
        assertThat(svg.split("<title>disk.seq-read-cold: 617</title>", -1)).as("beside seq-read and degraded-read").hasSize(3);
        assertThat(svg).contains(">disk (cold read)</text>");
    }

    @Test
    void aWarmDiskReadIsDrawnAndSaidToBeWarm() throws IOException {
        Figures figures = new Figures();
        figures.add("disk.seq-read-warm", Figures.MB_S, 5000);
        figures.add("client.seq-read", Figures.MB_S, 185);
        String svg = chart(figures);
        assertThat(svg).contains("<title>disk.seq-read-warm: 5000</title>", ">disk (warm read)</text>");
    }

    @Test
    void theDefaultReportGoesWhereGitIgnoresIt() throws IOException {
        assertThat(BenchCommand.DEFAULT_OUT).startsWith("var/");
        // The module's tests run in e2e/; the checkout's .gitignore is one up.
        assertThat(Files.readAllLines(Path.of("..", ".gitignore"))).contains("/var/");
    }
}
