package org.ringfs.e2e.bench;

import org.junit.jupiter.api.Test;
import org.ringfs.e2e.bench.profile.CpuLedger;
import org.ringfs.e2e.bench.profile.CpuSpin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {

    @Test
    void aMissedTargetNamesItsCauseAndAMetOneDoesNot() {
        Figures figures = new Figures();
        figures.add("client.small-stat", "/s", 4_000);
        figures.add("memory.client", "MiB", 300);
        String table = table(figures, List.of(Target.atLeast("client.small-stat", 20_000), Target.atMost("memory.client", 512)));

        assertThat(line(table, "client.small-stat")).contains("| missed |").contains("meta call per stat").doesNotContain("measured: machine");
        assertThat(line(table, "memory.client")).contains("| met |").endsWith("|  |");
    }

    @Test
    void webdavRandomReadsAreHeldToHalfOfCoreClients() {
        Figures figures = new Figures();
        figures.add("client.random-read-4k", "/s", 766);
        figures.add("webdav.random-read-4k", "/s", 56);
        String table = table(figures, IssueTargets.all(true, List.of()));
        assertThat(line(table, "webdav.random-read-4k")).contains("client.random-read-4k = 766 /s").contains("| missed |");
        Figures after = new Figures();
        after.add("client.random-read-4k", "/s", 766);
        after.add("webdav.random-read-4k", "/s", 700);
        assertThat(line(table(after, IssueTargets.all(true, List.of())), "webdav.random-read-4k")).contains("| met |");
    }

    @Test
    void aMissedTargetSaysHowTheRunUsedTheCpuDuringItsWorkload() throws Exception {
        CpuLedger cpu = new CpuLedger();
        cpu.watch("client", () -> OptionalLong.of(ProcessHandle.current().pid()));
        cpu.begin("client.small-stat");
        double spent = CpuSpin.spin(300); // 0.3 CPU-s, however long it takes
        cpu.end();
        assertThat(spent).isGreaterThanOrEqualTo(0.3);
        Figures figures = new Figures();
        figures.add("client.small-stat", "/s", 4_000);
        List<Target> targets = List.of(Target.atLeast("client.small-stat", 20_000));

        String missed = line(table(figures, targets, cpu), "client.small-stat");
        assertThat(missed).containsPattern("measured: machine \\d+% busy \\(\\d+ cores, \\d+\\.\\d\\d s a run\\); CPU-s a run: .*client (0\\.[2-9]|[1-9])")
                .contains("meta call per stat");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BenchReport(figures, targets, cpu).printCpu(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("| client.small-stat | machine ");
    }

    private static String table(Figures figures, List<Target> targets) {
        return table(figures, targets, new CpuLedger());
    }

    private static String table(Figures figures, List<Target> targets, CpuLedger cpu) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BenchReport(figures, targets, cpu).printTable(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String line(String table, String figure) {
        return table.lines().filter(l -> l.startsWith("| " + figure + " ")).findFirst().orElseThrow();
    }
}
