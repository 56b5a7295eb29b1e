package org.ringfs.cli.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterDirectoryTest {
    @TempDir
    Path root;

    @Test
    void propertiesRoundTrip() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        assertThat(dir.hasProperties()).isFalse();
        assertThatThrownBy(dir::properties).isInstanceOf(LocalClusterException.class).hasMessageContaining("ringfs up");
        dir.writeProperties(new ClusterProperties("127.0.0.1:7000", 5, 1 << 20));
        assertThat(dir.properties()).isEqualTo(new ClusterProperties("127.0.0.1:7000", 5, 1 << 20));
    }

    @Test
    void theClusterIdRoundTripsAndIsAbsentFromAnOlderFile() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        ClusterProperties p = new ClusterProperties("127.0.0.1:7000", 3, 65536, "secret", "c0ffee");
        dir.writeProperties(p);
        assertThat(dir.properties()).isEqualTo(p);
        dir.writeProperties(new ClusterProperties("127.0.0.1:7000", 3, 65536, "secret"));
        assertThat(dir.properties().clusterId()).isNull();
    }

    @Test
    void theBasePortRoundTripsThroughEveryChangeAndIsAbsentFromAnOlderFile() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        ClusterProperties single = new ClusterProperties("127.0.0.1:7400", 3, 65536, "secret", "c0ffee").withBasePort(7400);
        dir.writeProperties(single);
        assertThat(dir.properties()).isEqualTo(single);
        assertThat(dir.properties().basePort()).isEqualTo(7400);
        assertThat(Files.readString(dir.propertiesFile())).contains("base.port=7400");
        dir.writeProperties(single.withBasePort(0)); // free ports
        assertThat(dir.properties().basePort()).isZero();

        // A group's file keeps it through what `up`, `meta add` and `meta remove` change.
        ClusterProperties group = new ClusterProperties("x", 3, 65536, null, null, LocalMetaGroup.plan(3, 7400)).withBasePort(7400);
        dir.writeProperties(group.withBlockSize(1 << 20).withClusterId("c0ffee").withMetaGroup(group.metaGroup().subList(0, 2)));
        assertThat(dir.properties().basePort()).isEqualTo(7400);

        // A file written before base.port was recorded.
        dir.writeProperties(new ClusterProperties("127.0.0.1:7000", 3, 65536, "secret", "c0ffee"));
        assertThat(Files.readString(dir.propertiesFile())).doesNotContain("base.port");
        assertThat(dir.properties().basePort()).isNull();
    }

    @Test
    void aBasePortThatIsNoPortIsAClearError() throws Exception {
        Files.writeString(root.resolve("cluster.properties"), "meta.address=127.0.0.1\\:7000\ndata.servers=3\n"
                + "block.size=65536\nbase.port=70000\n");
        assertThatThrownBy(() -> new ClusterDirectory(root).properties()).isInstanceOf(LocalClusterException.class)
                .hasMessageContaining("base.port").hasMessageContaining("70000");
    }

    @Test
    void aMetaStoreIsItsLogFilesAndADataServerHoldsItsStoreAndClusterId() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        assertThat(dir.hasMetaStore()).isFalse();
        Files.createDirectories(root.resolve("meta"));
        Files.writeString(root.resolve("meta").resolve("server.log"), "a log is not a store\n");
        assertThat(dir.hasMetaStore()).isFalse();
        Files.writeString(root.resolve("meta").resolve("00000000.jdb"), "");
        assertThat(dir.hasMetaStore()).isTrue();

        Files.createDirectories(root.resolve("data-1").resolve("store"));
        Files.createDirectories(root.resolve("data-2"));
        Files.writeString(root.resolve("data-2").resolve("cluster-id"), "c0ffee\n");
        Files.writeString(root.resolve("data-2").resolve("name"), "data-2\n");
        assertThat(dir.dataServerHoldings()).containsExactly(root.resolve("data-1").resolve("store"),
                root.resolve("data-2").resolve("cluster-id"));
    }

    @Test
    void commandIsOneArgumentPerLineSoSpacesSurvive() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        List<String> command = List.of("java", "-cp", "/a dir/x.jar", "org.ringfs.cli.Main", "data", "--dir", "/b c");
        dir.writeCommand("data-1", command);
        assertThat(dir.command("data-1")).isEqualTo(command);
        assertThatThrownBy(() -> dir.command("data-2")).hasMessageContaining("never run");
    }

    @Test
    void serverNamesAreMetaThenDataServersInOrderThenTheWebDavFront() throws Exception {
        for (String n : List.of("data-2", "meta", "data-1", "data-4")) Files.createDirectories(root.resolve(n));
        assertThat(new ClusterDirectory(root).serverNames()).containsExactly("meta", "data-1", "data-2");
        Files.createDirectories(root.resolve("webdav"));
        assertThat(new ClusterDirectory(root).serverNames()).containsExactly("meta", "data-1", "data-2", "webdav");
        assertThat(new ClusterDirectory(root).webdavUsersFile()).isEqualTo(root.resolve("webdav").resolve("users"));
    }

    @Test
    void aLostDataServerDirectoryHidesNoneAfterItWhenThePropertiesCountThem() throws Exception {
        for (String n : List.of("meta", "data-1", "data-2", "data-4")) Files.createDirectories(root.resolve(n));
        ClusterDirectory dir = new ClusterDirectory(root);
        dir.writeProperties(new ClusterProperties("127.0.0.1:7000", 4, 65536));
        assertThat(dir.serverNames()).containsExactly("meta", "data-1", "data-2", "data-4");
        assertThat(dir.hasCommand("data-3")).isFalse();
        assertThat(dir.dataClusterIdFile("data-3")).isEqualTo(root.resolve("data-3").resolve("cluster-id"));
    }

    @Test
    void aDeadPidIsNotRunning() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        assertThat(dir.running("data-1")).isEmpty();
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        dir.writePid("data-1", p.pid());
        assertThat(dir.running("data-1")).isEmpty();
    }

    @Test
    void aLivePidOfAnotherProgramIsNotOurs() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            dir.writePid("meta", sleeper.pid());
            assertThat(dir.running("meta")).isEmpty();
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    @Test
    void portIsEmptyUntilTheServerWroteANumber() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        assertThat(dir.writtenPort("meta")).isEmpty();
        Files.createDirectories(dir.serverDir("meta"));
        Files.writeString(dir.portFile("meta"), "");
        assertThat(dir.writtenPort("meta")).isEmpty();
        Files.writeString(dir.portFile("meta"), "7000\n");
        assertThat(dir.writtenPort("meta")).hasValue(7000);
    }

    @Test
    void namesAndAddressesAreChecked() {
        assertThatThrownBy(() -> ClusterDirectory.checkServerName("data-0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterDirectory.checkServerName("../x")).isInstanceOf(IllegalArgumentException.class);
        ClusterDirectory.checkServerName("data-12");
        ClusterDirectory.checkServerName("webdav");
        assertThatThrownBy(() -> ClusterDirectory.checkServerName("webdav-2")).isInstanceOf(IllegalArgumentException.class);
        ClusterDirectory.checkAddress("host.example:7000", "--meta");
        ClusterDirectory.checkAddress("[::1]:7101", "--replication");
        assertThatThrownBy(() -> ClusterDirectory.checkAddress("7000", "--meta")).hasMessageContaining("HOST:PORT");
        // A replication address or helper is dialled: port 0 (any) and ports past 65535 are refused.
        assertThatThrownBy(() -> ClusterDirectory.checkAddress("host:0", "--helpers")).hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> ClusterDirectory.checkAddress("host:70000", "--helpers")).hasMessageContaining("1 to 65535");
    }
}
