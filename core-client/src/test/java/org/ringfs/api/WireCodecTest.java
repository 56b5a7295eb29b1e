package org.ringfs.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireCodecTest {

    @Property(tries = 200)
    void inodeAttributesSurviveTheWire(@ForAll @LongRange(min = 1) long id, @ForAll int mode, @ForAll long size,
                                       @ForAll long time) throws RingFsException {
        InodeAttributes a = new InodeAttributes(id, FileType.FILE, mode & 07777, 1000, 100, size, 1, time, time + 1,
                time + 2, 0);
        assertThat(InodeAttributes.fromWire(a.toWire())).isEqualTo(a);
    }

    @Property(tries = 200)
    void blockWritesSurviveTheWire(@ForAll @LongRange(min = 0) long index, @ForAll @LongRange(min = 1) long gen,
                                   @ForAll @IntRange(min = 0) int length, @ForAll int crc) throws RingFsException {
        BlockWrite w = new BlockWrite(new BlockInfo(index, gen, length, crc), gen - 1, List.of("data-1", "data-2"));
        assertThat(BlockWrite.fromWire(w.toWire())).isEqualTo(w);
    }

    @Test
    void clusterMapSurvivesTheWire() throws RingFsException {
        ServerInfo s = new ServerInfo("data-1", "127.0.0.1:7001", true, 5L, new ServerVitals(10, 4, 3, 2, false, 0, 0, 1),
                true, 12L);
        ClusterMap m = new ClusterMap(7, 1 << 20, List.of(s), 2, "c0ffee", false, "safe mode: waiting for data-1");
        assertThat(ClusterMap.fromWire(m.toWire())).isEqualTo(m);
    }

    /** The vitals keep the flat member names heartbeats, cluster maps and status texts always had. */
    @Test
    void vitalsTravelUnderTheirOldNamesOnEveryWire() {
        ServerVitals v = new ServerVitals(10, 4, 3, 2, true, 1, 5, 1);
        assertThat(new Heartbeat("data-1", "h:1", v, "c", 0, 0).toWire()).containsOnlyKeys("name", "address", "capacity",
                "free", "blocks", "bytes", "rebuilding", "rebuildDone", "rebuildTotal", "corrupt", "clusterId",
                "maxGeneration", "maxInode");
        assertThat(new ServerInfo("data-1", "h:1", true, 5, v, false, -1).toWire()).containsOnlyKeys("name", "address",
                "alive", "lastHeartbeat", "capacity", "free", "blocks", "bytes", "rebuilding", "rebuildDone",
                "rebuildTotal", "corrupt", "retiring", "drainLeft");
        assertThat(new DataServerStatus("data-1", v, true, "").toText()).contains("capacity=10\n", "free=4\n",
                "blocks=3\n", "bytes=2\n", "rebuilding=true\n", "rebuildDone=1\n", "rebuildTotal=5\n", "corrupt=1\n");
    }

    @Test
    void heartbeatsAndRepliesCarryTheClusterIdentity() throws RingFsException {
        Heartbeat hb = new Heartbeat("data-1", "127.0.0.1:7001", new ServerVitals(10, 4, 3, 2, false, 0, 0, 1), "c0ffee",
                812, 40);
        assertThat(Heartbeat.fromWire(hb.toWire())).isEqualTo(hb);
        HeartbeatReply reply = new HeartbeatReply(7, true, "c0ffee", true, 0);
        assertThat(HeartbeatReply.fromWire(reply.toWire())).isEqualTo(reply);
    }

    @Test
    void aStatusCarriesTheClusterRefusalOnOneLine() throws RingFsException {
        DataServerStatus s = new DataServerStatus("data-1", new ServerVitals(10, 4, 3, 2, false, 0, 0, 0), false,
                "meta is\nforeign");
        assertThat(s.clusterRefusal()).isEqualTo("meta is foreign");
        assertThat(DataServerStatus.parse(s.toText())).isEqualTo(s);
    }

    @Test
    void xmlRpcArraysDecodeAsLists() throws RingFsException {
        // The XML-RPC parser hands arrays over as Object[]; Integer where an i4 came.
        Map<String, Object> s = Wire.newStruct();
        s.put("blocks", new Object[]{Map.of("inode", 5, "index", 0, "generation", 9L, "length", 3, "crc32c", 7)});
        s.put("done", true);
        s.put("asOf", 12);
        BlockScanPage page = BlockScanPage.fromWire(s);
        assertThat(page.blocks()).containsExactly(new FileBlock(5, new BlockInfo(0, 9, 3, 7)));
    }

    @Test
    void aMalformedStructIsABadRequestNotAClassCast() {
        Map<String, Object> s = Wire.newStruct();
        s.put("index", "zero");
        assertThatThrownBy(() -> BlockInfo.fromWire(s))
                .isInstanceOf(RingFsException.class)
                .satisfies(e -> assertThat(((RingFsException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> BlockInfo.fromWire("not a struct")).isInstanceOf(RingFsException.class);
    }

    @Test
    void setAttributesSendsOnlyWhatChanges() throws RingFsException {
        SetAttributes chmod = SetAttributes.mode(0640);
        assertThat(chmod.toWire()).containsOnlyKeys("mode");
        assertThat(SetAttributes.fromWire(chmod.toWire())).isEqualTo(chmod);
        SetAttributes read = SetAttributes.accessedAt(5L);
        assertThat(SetAttributes.fromWire(read.toWire())).isEqualTo(read);
    }
}
