package org.ringfs.e2e.bench.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's profiler against a real JVM: each workload's graph holds what ran in its window only. */
class ProfilerTest {
    @TempDir
    Path dir;

    /** A BusyChild JVM spinning in spinAlpha. */
    static Process startBusyChild() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                BusyChild.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The child's output, once it said it is ready. */
    static BufferedReader saying(Process child) throws Exception {
        BufferedReader said = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(said.readLine()).isEqualTo("ready");
        return said;
    }

    @Test
    @Timeout(120)
    void eachWorkloadsGraphShowsWhatTheProcessRanDuringIt() throws Exception {
        Process child = startBusyChild();
        try {
            BufferedReader said = saying(child);
            OutputStream tell = child.getOutputStream();
            Profiler profiler = Profiler.into(dir.resolve("profile"));
            profiler.watch("busy", () -> OptionalLong.of(child.pid()));

            profiler.begin("client.alpha");
            Thread.sleep(1500);
            profiler.end();
            tell.write("beta\n".getBytes(StandardCharsets.UTF_8));
            tell.flush();
            assertThat(said.readLine()).isEqualTo("now beta");
            profiler.begin("client.beta");
            Thread.sleep(1500);
            profiler.end();

            Path out = profiler.finish();
            String alpha = Files.readString(out.resolve("client.alpha.svg"));
            String beta = Files.readString(out.resolve("client.beta.svg"));
            assertThat(alpha).contains("BusyChild.spinAlpha").doesNotContain("BusyChild.spinBeta").contains("busy: ");
            assertThat(beta).contains("BusyChild.spinBeta").doesNotContain("BusyChild.spinAlpha");
            String index = Files.readString(out.resolve("index.md"));
            assertThat(index).contains("| client.alpha |").contains("| client.beta |").contains("busy 100%")
                    .doesNotContain("Not recorded");
            try (var left = Files.list(out)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".jfr"));
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(120)
    void aProcessThatEndedIsNamedAndTheOthersStillDrawn() throws Exception {
        Process child = startBusyChild();
        saying(child);
        Profiler profiler = Profiler.into(dir.resolve("profile"));
        profiler.watch("busy", () -> child.isAlive() ? OptionalLong.of(child.pid()) : OptionalLong.empty());
        profiler.begin("client.first");
        Thread.sleep(1000);
        profiler.end();
        profiler.begin("client.killed");
        child.destroyForcibly().waitFor();
        profiler.end();
        Path out = profiler.finish();
        assertThat(Files.readString(out.resolve("client.first.svg"))).contains("BusyChild.spinAlpha");
        assertThat(Files.readString(out.resolve("index.md"))).contains("Not recorded").contains("busy (pid " + child.pid() + ") in client.killed");
    }

    @Test
    void anOffProfilerDoesNothing() throws Exception {
        Profiler off = Profiler.off();
        off.watch("self", () -> OptionalLong.of(ProcessHandle.current().pid()));
        off.begin("x");
        off.end();
        assertThat(off.finish()).isNull();
    }
}
