package org.ringfs.meta.registry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.ServerVitals;
import org.ringfs.api.MetaService;
import org.ringfs.api.StatFs;
import org.ringfs.meta.MetaFixture;
import org.ringfs.placement.Placement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ringfs.api.ErrorCode.INVALID;
import static org.ringfs.meta.Errors.assertFails;

class ClusterRegistryTest {
    @TempDir Path dir;
    MetaFixture fx;
    MetaService meta;

    @BeforeEach
    void open() throws Exception {
        fx = new MetaFixture(dir);
        meta = fx.meta;
    }

    @AfterEach
    void close() { fx.close(); }

    private static Heartbeat hb(String name, String address, boolean rebuilding) {
        return new Heartbeat(name, address, new ServerVitals(3000, 300, 1, 1, rebuilding, 0, 0, 0), "", 0, 0);
    }

    private static Heartbeat hb(String name) { return hb(name, "127.0.0.1:1", false); }

    @Test
    void initialRingIsDeadUntilItHeartbeats() throws Exception {
        ClusterMap map = meta.clusterMap();
        assertThat(map.names()).isEqualTo(MetaFixture.RING);
        assertThat(map.ring()).allSatisfy(s -> assertThat(s.alive()).isFalse());
        assertThat(map.blockSize()).isEqualTo(4096);
        meta.heartbeat(hb("data-3"));
        assertThat(meta.clusterMap().server("data-3").alive()).isTrue();
        assertThat(meta.clusterMap().names()).isEqualTo(MetaFixture.RING);
    }

    @Test
    void unknownServersJoinTheEndOfTheRingAndBumpTheEpoch() throws Exception {
        long epoch = meta.clusterMap().epoch();
        assertThat(meta.heartbeat(hb("data-7")).epoch()).isEqualTo(epoch + 1);
        assertThat(meta.heartbeat(hb("data-6")).epoch()).isEqualTo(epoch + 2);
        assertThat(meta.clusterMap().names()).endsWith("data-7", "data-6").hasSize(7);
        assertThat(meta.heartbeat(hb("data-7")).epoch()).isEqualTo(epoch + 2);
        assertThat(meta.heartbeat(hb("data-7", "127.0.0.1:2", false)).epoch()).isEqualTo(epoch + 3);
        assertThat(meta.clusterMap().server("data-7").address()).isEqualTo("127.0.0.1:2");
    }

    @Test
    void serversDieWithoutHeartbeatsAndAreToldToReconcileWhenBack() throws Exception {
        assertThat(meta.heartbeat(hb("data-1")).reconcile()).isTrue(); // unseen since meta started
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(meta.heartbeat(hb("data-1")).reconcile()).isFalse();
        fx.clock.advance(Duration.ofMillis(3000));
        assertThat(meta.clusterMap().server("data-1").alive()).isTrue();
        fx.clock.advance(Duration.ofMillis(1));
        assertThat(meta.clusterMap().server("data-1").alive()).isFalse();
        assertThat(meta.heartbeat(hb("data-1")).reconcile()).isTrue();
        assertThat(meta.clusterMap().server("data-1").lastHeartbeatMillis()).isEqualTo(fx.clock.millis());
    }

    @Test
    void underReplicatedEntriesAskTheMissingServerToReconcileUntilItVerifiesItsCopies() throws Exception {
        for (String s : MetaFixture.RING) meta.heartbeat(hb(s));
        fx.clock.advance(Duration.ofSeconds(1));
        for (String s : MetaFixture.RING) meta.heartbeat(hb(s)); // first asks are answered
        long file = meta.create("/f", 0644, 0, 0, false).id();
        List<String> targets = new Placement(MetaFixture.RING).targets(file, 0);
        String missing = targets.get(2);
        fx.clock.advance(Duration.ofSeconds(1));
        meta.commit(fx.session, file, 10, 1, List.of(new BlockWrite(new BlockInfo(0, meta.allocateGenerations(fx.session, 1), 10, 0), 0,
                targets.subList(0, 2))));
        assertThat(meta.clusterMap().underReplicatedBlocks()).isEqualTo(1);
        assertThat(meta.heartbeat(hb(targets.get(0))).reconcile()).isFalse();

        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(meta.heartbeat(hb(missing)).reconcile()).isTrue();
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(meta.heartbeat(hb(missing, "127.0.0.1:1", true)).reconcile()).isFalse(); // rebuilding: not asked again
        fx.clock.advance(Duration.ofSeconds(1));
        // Heartbeats alone, however many, prove nothing: the entry stays and the server is asked again.
        assertThat(meta.heartbeat(hb(missing)).reconcile()).isTrue();
        assertThat(meta.heartbeat(hb(missing)).reconcile()).isTrue();
        assertThat(meta.clusterMap().underReplicatedBlocks()).isEqualTo(1);

        meta.replicasVerified(missing, meta.clusterMap().epoch(), fx.clock.millis()); // a complete pass whose scan began now
        assertThat(meta.clusterMap().underReplicatedBlocks()).isZero();
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(meta.heartbeat(hb(missing)).reconcile()).isFalse();
    }

    @Test
    void aVerificationCoversOnlyEntriesRecordedBeforeItsScanBegan() throws Exception {
        long file = meta.create("/f", 0644, 0, 0, false).id();
        List<String> targets = new Placement(MetaFixture.RING).targets(file, 0);
        String missing = targets.get(2);
        long scanBegan = fx.clock.millis();
        fx.clock.advance(Duration.ofSeconds(1));
        meta.commit(fx.session, file, 10, 1, List.of(new BlockWrite(new BlockInfo(0, meta.allocateGenerations(fx.session, 1), 10, 0), 0,
                targets.subList(0, 2))));
        fx.clock.advance(Duration.ofSeconds(1));
        meta.replicasVerified(missing, meta.clusterMap().epoch(), scanBegan); // that scan may have passed the block before it was committed
        assertThat(meta.clusterMap().underReplicatedBlocks()).isEqualTo(1);
        meta.replicasVerified(targets.get(0), meta.clusterMap().epoch(), fx.clock.millis()); // a server the entry does not name changes nothing
        assertThat(meta.clusterMap().underReplicatedBlocks()).isEqualTo(1);
        meta.replicasVerified(missing, meta.clusterMap().epoch(), fx.clock.millis());
        assertThat(meta.clusterMap().underReplicatedBlocks()).isZero();
        assertThatThrownBy(() -> meta.replicasVerified(missing, meta.clusterMap().epoch(), fx.clock.millis() + 60_000))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID);
    }

    @Test
    void statfsCountsAliveServersOverThreeCopies() throws Exception {
        meta.create("/f", 0644, 0, 0, false);
        meta.heartbeat(hb("data-1"));
        meta.heartbeat(hb("data-2"));
        StatFs fs = meta.statfs();
        assertThat(fs.totalBytes()).isEqualTo(2000);
        assertThat(fs.freeBytes()).isEqualTo(200);
        assertThat(fs.files()).isEqualTo(2);
        assertThat(fs.blockSize()).isEqualTo(4096);
        fx.clock.advance(Duration.ofSeconds(4));
        assertThat(meta.statfs().totalBytes()).isZero();
    }

    @Test
    void badNamesAndAddressesAreRefused() {
        assertFails(INVALID, () -> meta.heartbeat(hb("")));
        assertFails(INVALID, () -> meta.heartbeat(hb("has space")));
        assertFails(INVALID, () -> meta.heartbeat(hb("x".repeat(65))));
        assertFails(INVALID, () -> meta.heartbeat(hb("ok", "", false)));
    }
}
