package org.ringfs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command tree and its exit codes, without a cluster. */
class MainTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        Map<String, CommandLine> commands = Main.commandLine().getSubcommands();
        assertThat(commands).containsKeys("up", "down", "crash", "start", "status", "put", "get", "ls", "mkdir",
                "mv", "rm", "stat", "ln", "fsck", "inject");
        for (String name : commands.keySet()) {
            if (name.equals("help")) continue;
            Run help = run(name, "--help");
            assertThat(help.code()).as(name + " --help").isZero();
            assertThat(help.out()).as(name + " --help").startsWith("Usage: ringfs " + name);
            assertThat(run(name, "--version").out()).as(name + " --version").startsWith("ringfs ");
        }
        assertThat(run("inject", "corrupt", "--help").out()).contains("--block", "--copy", "--offset");
        for (String name : new String[] {"put", "get", "fsck"}) {
            assertThat(run(name, "--help").out()).as(name + " --help").contains("-q, --quiet");
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("no-such-command").code()).isEqualTo(2);
        Run badName = run("crash", "data-zero");
        assertThat(badName.code()).isEqualTo(2);
        assertThat(badName.err()).contains("'data-zero' is not a server name");
        assertThat(run("up", "--data-servers", "2").err()).contains("at least 3");
        assertThat(run("get", "/a", "-", "--wait", "soon").code()).isEqualTo(2);
        assertThat(run("put", "/a", "/b", "--write-policy", "some").err()).contains("not a write policy");
        assertThat(run("inject", "corrupt", "/f", "--block", "0", "--copy", "3", "--meta", "127.0.0.1:1").code()).isEqualTo(2);
    }

    @Test
    void failuresAreOneLineAndExitOne(@TempDir Path dir) {
        Run noCluster = run("ls", "/", "--dir", dir.toString());
        assertThat(noCluster.code()).isEqualTo(1);
        assertThat(noCluster.err().lines()).singleElement().asString()
                .startsWith("ringfs: ls: no RingFS cluster in " + dir);

        Run verbose = run("ls", "/", "--dir", dir.toString(), "--verbose");
        assertThat(verbose.err()).contains("\tat org.ringfs.");

        Run notRunning = run("crash", "data-1", "--dir", dir.toString());
        assertThat(notRunning.code()).isEqualTo(1);
        assertThat(notRunning.err()).isEqualTo("ringfs: crash: data-1 is not running in " + dir + System.lineSeparator());
    }

    @Test
    void unreachableMetaIsOneLine() {
        Run r = run("status", "--meta", "127.0.0.1:1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("ringfs: status: meta server 127.0.0.1:1 unreachable").contains("(UNAVAILABLE)");
        assertThat(run("status", "--meta", "nonsense").err()).contains("--meta wants HOST:PORT");
        assertThat(run("status", "--meta", "127.0.0.1:1,127.0.0.1").err())
                .contains("--meta wants HOST:PORT or a comma-separated list of them: '127.0.0.1' in");
    }

    @Test
    void downWithNothingRunningSaysSo(@TempDir Path dir) {
        Run r = run("down", "--dir", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("RingFS was not running in " + dir);
    }
}
