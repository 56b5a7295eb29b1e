package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What `ringfs up` does for safety: it makes DIR/secret (mode 0600) and hands it to every role,
 * so a client without it is refused; every server it starts listens on 127.0.0.1 only; and every
 * server JVM runs with the serial filter that refuses all Java deserialization.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClosedLocalClusterTest {
    /** `up`'s default meta group of three, and the data servers. */
    static final List<String> SERVERS = List.of("meta-1", "meta-2", "meta-3", "data-1", "data-2", "data-3");

    @TempDir
    static Path work;

    private DetachedCluster cluster;

    @BeforeAll
    void up() throws Exception {
        cluster = DetachedCluster.start(work, "--data-servers", "3", "--block-size", "65536");
    }

    @AfterAll
    void down() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void upMakesAnOwnerOnlySecretAndEveryRoleGetsIt() throws Exception {
        Path secret = cluster.dir.resolve("secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.readString(cluster.dir.resolve("cluster.properties"))).contains("secret.file=secret");
        for (String name : SERVERS) {
            List<String> command = Files.readAllLines(cluster.dir.resolve(name).resolve("command"));
            int at = command.indexOf("--secret-file");
            assertThat(at).as("%s gets --secret-file", name).isPositive();
            assertThat(Path.of(command.get(at + 1))).isEqualTo(secret.toAbsolutePath());
        }
    }

    @Test
    void clientsOfTheClusterDirectorySignAndOthersAreRefused() throws Exception {
        cluster.ok("mkdir", "/signed");
        RingFsProcess.Result outsider = cluster.ringfs.run("mkdir", "/outsider", "--meta", cluster.metaAddress());
        assertThat(outsider.exitCode()).isNotZero();
        assertThat(outsider.err()).contains("UNAUTHENTICATED");
        cluster.ok("mkdir", "/with-secret-file", "--meta", cluster.metaAddress(),
                "--secret-file", cluster.dir.resolve("secret").toString());
        assertThat(cluster.ok("ls", "/").out()).contains("signed", "with-secret-file").doesNotContain("outsider");
        assertThat(cluster.ok("status").out()).contains("3 of 3 data servers alive");
    }

    @Test
    void everyServerListensOnLoopbackOnly() throws Exception {
        List<String> listening = ListeningSockets.ofThisHost();
        for (String name : SERVERS) {
            List<String> command = Files.readAllLines(cluster.dir.resolve(name).resolve("command"));
            String listen = command.get(command.indexOf("--listen") + 1);
            assertThat(listen).startsWith("127.0.0.1:");
            int port = Integer.parseInt(Files.readString(cluster.dir.resolve(name).resolve("port")).trim());
            assertThat(listening).as("%s bound to 127.0.0.1:%d only", name, port)
                    .contains("127.0.0.1:" + port)
                    .noneMatch(s -> s.endsWith(":" + port) && !s.equals("127.0.0.1:" + port));
            // A meta member's replication port (JE's node address) too.
            int at = command.indexOf("--replication");
            if (at >= 0) {
                String replication = command.get(at + 1);
                assertThat(replication).startsWith("127.0.0.1:");
                String replicationPort = replication.substring(replication.lastIndexOf(':') + 1);
                assertThat(listening).as("%s replicates on %s only", name, replication).contains(replication)
                        .noneMatch(s -> s.endsWith(":" + replicationPort) && !s.equals(replication));
            }
        }
    }

    @Test
    void everyServerJvmRefusesJavaDeserialization() throws Exception {
        for (String name : SERVERS) {
            long pid = cluster.process(name).orElseThrow().pid();
            List<String> argv = commandLineOf(pid);
            assertThat(argv).as("%s (pid %d)", name, pid).contains("-Djdk.serialFilter=!*");
            assertThat(argv.indexOf("-Djdk.serialFilter=!*")).isLessThan(argv.indexOf("org.ringfs.cli.Main"));
        }
        // The launcher script itself: the JVM of every command it runs.
        String script = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("ringfs"));
        assertThat(script).containsPattern("exec java -Djdk\\.serialFilter='!\\*' .*org\\.ringfs\\.cli\\.Main");
    }

    private static List<String> commandLineOf(long pid) throws Exception {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        return new ArrayList<>(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
    }
}
