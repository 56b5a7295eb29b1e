package org.ringfs.meta.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileType;
import org.ringfs.cli.RoleCommand;
import org.ringfs.transport.MetaClient;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ringfs.meta.Errors.assertFails;

class MetaServerCommandTest {
    @TempDir Path dir;

    @Test
    void isFoundAsARoleCommand() {
        assertThat(ServiceLoader.load(RoleCommand.class).stream().map(p -> p.type().getName()))
                .contains(MetaServerCommand.class.getName());
        CommandLine cli = new CommandLine(new MetaServerCommand());
        assertThat(cli.getCommandName()).isEqualTo("meta");
        // --dir is demanded when meta runs, not by picocli: `ringfs meta add` and `meta remove` need none.
        cli.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertThat(cli.execute("--listen", "127.0.0.1:0")).isEqualTo(2);
    }

    /** The real process: starts, announces its port, serves, and stops cleanly on SIGTERM. */
    @Test
    @Timeout(60)
    void runsUntilSigterm() throws Exception {
        Path store = dir.resolve("store");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Djdk.serialFilter=!*", "-cp", System.getProperty("java.class.path"),
                MetaServerCommand.class.getName(), "--listen", "127.0.0.1:0", "--dir", store.toString(),
                "--block-size", "65536", "--ring", "d1,d2,d3")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("meta listening on 127.0.0.1:");
            String port = line.substring(line.lastIndexOf(':') + 1);
            assertThat(Files.readString(store.resolve("port")).trim()).isEqualTo(port);

            MetaClient client = MetaClient.connect("127.0.0.1:" + port, Duration.ofSeconds(10), null, null);
            assertThat(client.clusterMap().names()).containsExactly("d1", "d2", "d3");
            assertThat(client.clusterMap().blockSize()).isEqualTo(65536);
            client.mknod("/pipe", FileType.FIFO, 0600, 0, 0, 0);
            assertFails(ErrorCode.NOT_FOUND, () -> client.stat("/missing"));

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        try (MetaServer again = MetaServer.builder().dir(store).start()) {
            assertThat(again.service().stat("/pipe").type()).isEqualTo(FileType.FIFO);
            assertThat(again.service().clusterMap().blockSize()).isEqualTo(65536);
        }
    }

    /** The group flags the launcher passes; wrong combinations are usage errors (exit 2) before any store is opened. */
    @Test
    void groupFlagsAreCheckedBeforeAnythingStarts() {
        String store = dir.resolve("group-store").toString();
        assertThat(usageError("--dir", store, "--replication", "127.0.0.1:7100")).contains("--cluster-id");
        assertThat(usageError("--dir", store, "--replication", "nohostport", "--cluster-id", "c")).contains("--replication");
        assertThat(usageError("--dir", store, "--replication", "127.0.0.1:7100", "--helpers", "127.0.0.1:7100,bad",
                "--cluster-id", "c")).contains("--helpers");
        assertThat(usageError("--dir", store, "--helpers", "127.0.0.1:7100")).contains("--replication");
        assertThat(usageError("--dir", store, "--replication", "127.0.0.1:7100", "--cluster-id", "a b")).contains("--cluster-id");
        assertThat(usageError("--dir", store, "--replication", "127.0.0.1:7100", "--cluster-id", "c", "--node-name", "meta/1"))
                .contains("--node-name");
        assertThat(Files.exists(dir.resolve("group-store"))).isFalse();
        CommandLine cli = new CommandLine(new MetaServerCommand());
        for (String flag : new String[] {"--node-name", "--replication", "--helpers", "--cluster-id"}) {
            assertThat(cli.getCommandSpec().findOption(flag)).as(flag).isNotNull();
        }
    }

    private static String usageError(String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new MetaServerCommand());
        cli.setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute(args)).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
        return err.toString();
    }
}
