package org.ringfs.meta.registry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerVitals;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ringfs.api.ErrorCode.WRONG_CLUSTER;

/** Meta's side of cluster identity: foreign servers refused, safe mode, the older-store alarm, counters. */
class ClusterIdentityTest {
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

    private String clusterId() throws RingFsException { return meta.clusterMap().clusterId(); }

    private static Heartbeat hb(String name, String clusterId, long maxGeneration, long maxInode) {
        return new Heartbeat(name, "127.0.0.1:1", new ServerVitals(3000, 300, 1, 1, false, 0, 0, 0), clusterId,
                maxGeneration, maxInode);
    }

    private HeartbeatReply beat(String name) throws RingFsException {
        return meta.heartbeat(hb(name, clusterId(), 0, 0));
    }

    private void restart(boolean acceptOlderStore) throws RingFsException {
        fx.reopen(acceptOlderStore);
        meta = fx.meta;
    }

    @Test
    void aFreshStoreHasAClusterIdThatEveryReplyCarries() throws Exception {
        String id = clusterId();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(meta.heartbeat(hb("data-1", "", 0, 0)).clusterId()).isEqualTo(id);
        restart(false);
        assertThat(clusterId()).isEqualTo(id);
    }

    @Test
    void aServerOfAnotherClusterIsRefusedAndDoesNotJoin() throws Exception {
        String ours = clusterId();
        RingFsException e = catchThrowableOfType(() -> meta.heartbeat(hb("data-9", "their-cluster", 0, 0)),
                RingFsException.class);
        assertThat(e.code()).isEqualTo(WRONG_CLUSTER);
        assertThat(e.getMessage()).contains("their-cluster", ours, "data-9");
        assertThat(meta.clusterMap().names()).doesNotContain("data-9");
        assertThat(catchThrowableOfType(() -> meta.heartbeat(hb("data-1", "their-cluster", 0, 0)), RingFsException.class)
                .code()).isEqualTo(WRONG_CLUSTER);
        assertThat(meta.clusterMap().server("data-1").alive()).isFalse();
        // No id yet (a new server) and our id are both welcome.
        assertThat(meta.heartbeat(hb("data-1", "", 0, 0)).clusterId()).isEqualTo(ours);
        assertThat(meta.heartbeat(hb("data-2", ours, 0, 0)).clusterId()).isEqualTo(ours);
    }

    @Test
    void safeModeLiftsOnceEveryRingServerHasReported() throws Exception {
        ClusterMap map = meta.clusterMap();
        assertThat(map.deletesAllowed()).isFalse();
        assertThat(map.deleteRefusal()).contains("waiting for data-1, data-2, data-3, data-4, data-5");
        for (String name : MetaFixture.RING.subList(0, 4)) assertThat(beat(name).deletesAllowed()).isFalse();
        assertThat(meta.clusterMap().deleteRefusal()).contains("waiting for data-5 to report");
        assertThat(beat("data-5").deletesAllowed()).isTrue();
        assertThat(meta.clusterMap().deletesAllowed()).isTrue();
        assertThat(meta.clusterMap().deleteRefusal()).isEmpty();
        assertThat(beat("data-1").deletesAllowed()).isTrue();
    }

    @Test
    void aServerDeadAtTheStartHoldsSafeModeOnlyUntilItWouldCountAsDead() throws Exception {
        for (String name : MetaFixture.RING.subList(0, 4)) beat(name);
        fx.clock.advance(Duration.ofMillis(2999));
        assertThat(beat("data-1").deletesAllowed()).isFalse();
        fx.clock.advance(Duration.ofMillis(1));
        assertThat(beat("data-1").deletesAllowed()).isTrue();
        assertThat(meta.clusterMap().deletesAllowed()).isTrue();

        // When it comes back, its report is checked like the others.
        long next = meta.allocateGenerations(fx.session, 1) + 1;
        assertThat(meta.heartbeat(hb("data-5", clusterId(), next + 7, 0)).deletesAllowed()).isFalse();
        assertThat(meta.clusterMap().deleteRefusal()).contains("data-5", "generation " + (next + 7));
    }

    @Test
    void aGenerationAtTheNextUnallocatedOneRaisesAStickyAlarm() throws Exception {
        long next = meta.allocateGenerations(fx.session, 10) + 10;
        assertThat(meta.heartbeat(hb("data-2", clusterId(), next - 1, 1)).deletesAllowed()).isFalse(); // safe mode only
        HeartbeatReply reply = meta.heartbeat(hb("data-3", clusterId(), next, 1));
        assertThat(reply.deletesAllowed()).isFalse();
        for (String name : MetaFixture.RING) beat(name);
        fx.clock.advance(Duration.ofMinutes(5));
        assertThat(beat("data-1").deletesAllowed()).isFalse();
        ClusterMap map = meta.clusterMap();
        assertThat(map.deletesAllowed()).isFalse();
        assertThat(map.deleteRefusal()).contains("older than the data", "data-3", "generation " + next,
                "next generation is " + next, "--accept-older-store");

        restart(false); // the alarm survives a restart
        for (String name : MetaFixture.RING) beat(name);
        fx.clock.advance(Duration.ofMinutes(5));
        assertThat(beat("data-1").deletesAllowed()).isFalse();
        assertThat(meta.clusterMap().deleteRefusal()).contains("data-3", "generation " + next);

        restart(true); // the operator accepts the store: safe mode as usual, then deletes
        assertThat(meta.clusterMap().deleteRefusal()).contains("waiting for");
        for (String name : MetaFixture.RING) beat(name);
        assertThat(meta.clusterMap().deletesAllowed()).isTrue();
        restart(false);
        for (String name : MetaFixture.RING) beat(name);
        assertThat(meta.clusterMap().deletesAllowed()).isTrue();
    }

    @Test
    void anInodeAtTheNextUnallocatedIdAlsoRaisesTheAlarm() throws Exception {
        long nextInode = meta.create("/f", 0644, 0, 0, false).id() + 1;
        assertThat(meta.heartbeat(hb("data-4", clusterId(), 1, nextInode)).deletesAllowed()).isFalse();
        for (String name : MetaFixture.RING) beat(name);
        assertThat(meta.clusterMap().deletesAllowed()).isFalse();
        assertThat(meta.clusterMap().deleteRefusal()).contains("data-4", "inode " + nextInode, "next inode " + nextInode);
    }

    @Test
    void theCountersAreRaisedAboveWhatTheServersHold() throws Exception {
        meta.heartbeat(hb("data-1", clusterId(), 1000, 500));
        meta.heartbeat(hb("data-2", clusterId(), 700, 900));
        assertThat(meta.allocateGenerations(fx.session, 1)).isEqualTo(1001);
        assertThat(meta.create("/f", 0644, 0, 0, false).id()).isEqualTo(901);
        restart(false);
        assertThat(meta.allocateGenerations(fx.session, 1)).isEqualTo(1002);
    }

    @Test
    void holdingsBelowTheCountersRaiseNothing() throws Exception {
        long inode = meta.create("/f", 0644, 0, 0, false).id();
        long generation = meta.allocateGenerations(fx.session, 3) + 2;
        for (String name : MetaFixture.RING) {
            assertThat(meta.heartbeat(hb(name, clusterId(), generation, inode)).clusterId()).isNotEmpty();
        }
        assertThat(meta.clusterMap().deletesAllowed()).isTrue();
        assertThat(meta.allocateGenerations(fx.session, 1)).isEqualTo(generation + 1);
        assertThat(meta.create("/g", 0644, 0, 0, false).id()).isEqualTo(inode + 1);
    }
}
