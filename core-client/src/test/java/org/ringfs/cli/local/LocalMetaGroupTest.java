package org.ringfs.cli.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalMetaGroupTest {
    @TempDir
    Path root;

    private static LocalMetaMember m(int k, int call, int replication) {
        return new LocalMetaMember("meta-" + k, "127.0.0.1:" + call, "127.0.0.1:" + replication);
    }

    @Test
    void onAFixedBasePortMeta1KeepsTheMetaPortAndTheOthersSitAbovetheWebDavFront() {
        assertThat(LocalMetaGroup.plan(3, 7000)).containsExactly(m(1, 7000, 7101), m(2, 7092, 7102), m(3, 7093, 7103));
        assertThat(LocalMetaGroup.highestPort(7000, 3)).isEqualTo(7103);
        assertThatThrownBy(() -> LocalMetaGroup.plan(10, 7000)).hasMessageContaining("at most 9");
    }

    @Test
    void onBasePortZeroEveryMemberGetsTwoFreePortsOfItsOwn() {
        List<LocalMetaMember> group = LocalMetaGroup.plan(3, 0);
        Set<Integer> ports = new HashSet<>();
        for (LocalMetaMember member : group) {
            ports.add(member.callPort());
            ports.add(member.replicationPort());
        }
        assertThat(ports).hasSize(6).allMatch(p -> p > 0);
        assertThat(group).extracting(LocalMetaMember::name).containsExactly("meta-1", "meta-2", "meta-3");
    }

    @Test
    void aMemberNamesTheOthersAsHelpersAndAloneItself() {
        List<LocalMetaMember> group = LocalMetaGroup.plan(3, 7000);
        assertThat(LocalMetaGroup.helpers(group.get(1), group)).containsExactly("127.0.0.1:7101", "127.0.0.1:7103");
        assertThat(LocalMetaGroup.helpers(group.get(0), group.subList(0, 1))).containsExactly("127.0.0.1:7101");
    }

    @Test
    void theRoleArgumentsNameTheStoreBothAddressesTheHelpersAndTheClusterId() {
        ClusterDirectory cluster = new ClusterDirectory(root);
        List<LocalMetaMember> group = LocalMetaGroup.plan(3, 7000);
        List<String> args = LocalMetaGroup.roleArgs(cluster, group.get(2), LocalMetaGroup.helpers(group.get(2), group), "c0ffee",
                root.resolve("secret"), List.of("--ring", "data-1,data-2,data-3"));
        assertThat(String.join(" ", args)).isEqualTo("meta --dir " + root.resolve("meta-3") + " --listen 127.0.0.1:7093"
                + " --node-name meta-3 --replication 127.0.0.1:7103 --helpers 127.0.0.1:7101,127.0.0.1:7102"
                + " --cluster-id c0ffee --secret-file " + root.resolve("secret") + " --ring data-1,data-2,data-3");
        assertThat(LocalMetaGroup.recordedClusterId(args)).isEqualTo("c0ffee");
        assertThat(ServerLauncher.heapFor(args)).isEqualTo(ServerLauncher.HEAP);
    }

    @Test
    void anAddedMemberTakesTheNextNameNeverAUsedOneAndTheBasePortsSlot() {
        List<LocalMetaMember> group = List.of(m(1, 7000, 7101), m(2, 7092, 7102));
        LocalMetaMember next = LocalMetaGroup.next(group, 3); // meta-3 was removed: its name is not used again
        assertThat(next.name()).isEqualTo("meta-4");
        if (FreePorts.isFree(7094) && FreePorts.isFree(7104)) {
            assertThat(next).isEqualTo(m(4, 7094, 7104));
        }
        assertThat(LocalMetaGroup.next(List.of(m(2, 40000, 40001)), 0).name()).isEqualTo("meta-3");
    }

    @Test
    void theGroupRoundTripsThroughClusterPropertiesAndMetaAddressListsTheCallAddresses() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        List<LocalMetaMember> group = LocalMetaGroup.plan(3, 7000);
        ClusterProperties p = new ClusterProperties("ignored", 5, 65536, "secret", "c0ffee", group);
        assertThat(p.metaAddress()).isEqualTo("127.0.0.1:7000,127.0.0.1:7092,127.0.0.1:7093");
        dir.writeProperties(p);
        assertThat(dir.properties()).isEqualTo(p);
        assertThat(dir.properties().metaIsGroup()).isTrue();
        assertThat(Files.readString(dir.propertiesFile())).contains("meta.members=meta-1,meta-2,meta-3")
                .contains("meta.replication=127.0.0.1\\:7101,127.0.0.1\\:7102,127.0.0.1\\:7103");
        dir.writeProperties(p.withMetaGroup(group.subList(0, 2)));
        assertThat(dir.properties().metaAddress()).isEqualTo("127.0.0.1:7000,127.0.0.1:7092");
        // A single meta's file, as before groups, reads as no group.
        dir.writeProperties(new ClusterProperties("127.0.0.1:7000", 5, 65536));
        assertThat(dir.properties().metaIsGroup()).isFalse();
    }

    @Test
    void listsOfDifferentLengthsAreAClearError() throws Exception {
        Files.writeString(root.resolve("cluster.properties"), "meta.address=127.0.0.1\\:7000,127.0.0.1\\:7092\n"
                + "meta.members=meta-1,meta-2\nmeta.replication=127.0.0.1\\:7101\ndata.servers=3\nblock.size=65536\n");
        assertThatThrownBy(() -> new ClusterDirectory(root).properties()).isInstanceOf(LocalClusterException.class)
                .hasMessageContaining("as many members each (2, 2, 1)");
    }

    @Test
    void theMembersAreServersOfTheDirectoryAndARemovedOneStillCountsForNames() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        dir.writeProperties(new ClusterProperties("x", 3, 65536, null, "c0ffee", LocalMetaGroup.plan(3, 7000)));
        for (String n : List.of("meta-1", "meta-3", "meta-2", "data-1", "meta-5.removed-20261203-080000")) {
            Files.createDirectories(root.resolve(n));
        }
        assertThat(dir.serverNames()).containsExactly("meta-1", "meta-2", "meta-3", "data-1");
        assertThat(dir.highestMetaIndexUsed()).isEqualTo(5);
        assertThat(dir.hasMetaStore()).isFalse();
        Files.writeString(root.resolve("meta-2").resolve("00000000.jdb"), "");
        assertThat(dir.hasMetaStore()).isTrue();
        assertThat(dir.hasMetaStore("meta-1")).isFalse();
        ClusterDirectory.checkServerName("meta-12");
        assertThatThrownBy(() -> ClusterDirectory.checkServerName("meta-0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withOptionReplacesAValueOrAppendsTheOption() {
        assertThat(ServerLauncher.withOption(List.of("data", "--meta", "a:1"), "--meta", "a:1,b:2"))
                .containsExactly("data", "--meta", "a:1,b:2");
        assertThat(ServerLauncher.withOption(List.of("meta"), "--helpers", "h:1")).containsExactly("meta", "--helpers", "h:1");
    }

    @Test
    void upRefusesPortsThatMeetBeforeStartingAnything() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new UpCommand());
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("--dir", root.toString(), "--base-port", "65480")).isEqualTo(2);
        assertThat(err.toString()).contains("leaves no room").contains("meta-3's replication would need port 65583");
        assertThat(root.resolve("meta-1")).doesNotExist();
    }

    @Test
    void upKeepsTheKindOfMetaADirectoryWasMadeWith() throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        dir.writeProperties(new ClusterProperties("127.0.0.1:7000", 3, 65536));
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new UpCommand());
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(ex.getMessage());
            return 1;
        });
        assertThat(cli.execute("--dir", root.toString(), "--meta-replicas", "3")).isEqualTo(1);
        assertThat(err.toString()).contains("runs a single meta").contains("does not become a group of 3");

        dir.writeProperties(new ClusterProperties("x", 3, 65536, null, "c0ffee", LocalMetaGroup.plan(3, 7000)));
        assertThat(cli.execute("--dir", root.toString(), "--meta-replicas", "5")).isEqualTo(1);
        assertThat(err.toString()).contains("runs a meta group of 3 members (meta-1, meta-2, meta-3)")
                .contains("ringfs meta add");
    }
}
