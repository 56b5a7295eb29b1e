package org.ringfs.e2e.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {

    @Test
    void aMissedTargetNamesItsCauseAndAMetOneDoesNot() {
        Figures figures = new Figures();
        figures.add("client.small-stat", "/s", 4_000);
        figures.add("memory.client", "MiB", 300);
        String table = table(figures, List.of(Target.atLeast("client.small-stat", 20_000), Target.atMost("memory.client", 512)));

        assertThat(line(table, "client.small-stat")).contains("| missed |").contains("XML-RPC call per stat");
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

    private static String table(Figures figures, List<Target> targets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BenchReport(figures, targets).printTable(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String line(String table, String figure) {
        return table.lines().filter(l -> l.startsWith("| " + figure + " ")).findFirst().orElseThrow();
    }
}
