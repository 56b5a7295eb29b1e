package org.ringfs.data.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockKey;
import org.ringfs.api.DataServerStatus;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.data.store.StoreCondition;
import org.ringfs.data.store.TestBlocks;
import org.ringfs.transport.BlockClient;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDataServer {
    @TempDir
    Path dir;

    DataServer start(String name) throws Exception {
        return DataServer.builder().name(name).dir(dir).scrubInterval(Duration.ZERO).start();
    }

    static BlockClient client(DataServer s) {
        return new BlockClient(BlockClient.connections(Duration.ofSeconds(5)), s.address(), Duration.ofSeconds(10));
    }

    /** Nobody can connect to 0.0.0.0: a server listening on every interface must say where it is reached. */
    @Test
    void aServerOnEveryInterfaceIsRefusedWithoutAnAdvertisedHost() {
        assertThatThrownBy(() -> DataServer.builder().name("w").dir(dir).host("0.0.0.0").scrubInterval(Duration.ZERO).start())
                .isInstanceOfSatisfying(RingFsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
                    assertThat(e.getMessage()).contains("--advertise");
                });
    }

    @Test
    void theAdvertisedHostIsTheAddressMetaAndPeersAreGiven() throws Exception {
        try (DataServer s = DataServer.builder().name("v").dir(dir).advertise("localhost").scrubInterval(Duration.ZERO).start()) {
            assertThat(s.address()).isEqualTo("localhost:" + s.port());
            assertThat(client(s).status().name()).isEqualTo("v");
        }
    }

    @Test
    void aRestartKeepsTheCopiesAndABrandNewServerIsNotRebuilding() throws Exception {
        TestBlocks b = TestBlocks.random(1, 100_000, 65536);
        try (DataServer s = start("a")) {
            assertThat(s.storeCondition()).isEqualTo(StoreCondition.MISSING);
            assertThat(client(s).status().vitals().rebuilding()).isFalse();
            client(s).put(new BlockKey(1, 0, 1), b.bytes(), b.length(), b.chunkSize(), b.crcs());
        }
        assertThat(Files.readString(dir.resolve("name")).trim()).isEqualTo("a");
        try (DataServer s = start("a")) {
            assertThat(s.storeCondition()).isEqualTo(StoreCondition.EXISTING);
            assertThat(client(s).get(new BlockKey(1, 0, 1)).bytes()).isEqualTo(b.bytes());
        }
    }

    @Test
    void aLostStoreStartsEmptyAndNeedsARebuild() throws Exception {
        try (DataServer s = start("b")) {
            TestBlocks b = TestBlocks.random(2, 1000, 512);
            client(s).put(new BlockKey(1, 0, 1), b.bytes(), b.length(), b.chunkSize(), b.crcs());
        }
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        try (DataServer s = start("b")) {
            DataServerStatus status = client(s).status();
            assertThat(status.vitals().blocks()).isZero();
            assertThat(status.vitals().rebuilding()).isTrue();
            assertThat(s.reconcileProgress().needsRebuild()).isTrue();
        }
    }

    @Test
    void aDirectoryOfAnotherServerIsRefused() throws Exception {
        start("c").close();
        assertThatThrownBy(() -> start("d")).hasFieldOrPropertyWithValue("code", ErrorCode.INVALID);
    }

    @Test
    void withoutMetaThereIsNoReconciliation() throws Exception {
        try (DataServer s = start("e")) {
            assertThatThrownBy(s::reconcileNow).hasFieldOrPropertyWithValue("code", ErrorCode.INVALID);
        }
    }

    @Test
    void theCommandDeclaresItsOptions() {
        CommandLine cmd = new CommandLine(new DataServerCommand());
        assertThat(cmd.getCommandName()).isEqualTo("data");
        assertThat(cmd.getCommandSpec().options()).extracting(o -> o.longestName())
                .contains("--name", "--listen", "--dir", "--meta", "--allow-fault-injection", "--reconcile-interval-ms", "--scrub-interval-s");
        // --listen comes from the server shell's options, with this command's default
        DataServerCommand parsed = new DataServerCommand();
        new CommandLine(parsed).parseArgs();
        assertThat(parsed.server.host() + ":" + parsed.server.port()).isEqualTo("127.0.0.1:0");
        assertThat(cmd.getUsageMessage()).contains("(default: 127.0.0.1:0)");
    }

    @Test
    void metaTakesTheMembersOfAMetaGroupAndRefusesABadOne(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new DataServerCommand()).setErr(new PrintWriter(err));
        int code = cmd.execute("--name", "data-9", "--dir", dir.toString(), "--meta", "127.0.0.1:7000,meta-2");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--meta wants HOST:PORT or a comma-separated list of them: 'meta-2' in");
        assertThat(dir).isEmptyDirectory(); // refused before anything started
    }
}
