package org.ringfs.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The call table is the wire: its names, its mutations and its value shapes stay what clients and servers speak. */
class MetaCallsTest {

    /** The wire as it was when the table replaced the hand-written handlers: new calls may join, these stay. */
    private static final Set<String> READS = Set.of("ringfs.clusterMap", "ringfs.heartbeat", "ringfs.renewSession",
            "ringfs.liveGenerations", "ringfs.freedBlocks", "ringfs.statfs", "ringfs.stat", "ringfs.inode",
            "ringfs.list", "ringfs.readlink", "ringfs.blocks", "ringfs.scanBlocks", "ringfs.getXattr",
            "ringfs.listXattrs", "ringfs.lockByToken", "ringfs.locks");
    private static final Set<String> MUTATIONS = Set.of("ringfs.allocateGenerations", "ringfs.openSession",
            "ringfs.closeSession", "ringfs.holdInode", "ringfs.releaseInodes", "ringfs.mkdir", "ringfs.create",
            "ringfs.mknod", "ringfs.symlink", "ringfs.link", "ringfs.unlink", "ringfs.rmdir", "ringfs.rename",
            "ringfs.setAttributes", "ringfs.commit", "ringfs.truncate", "ringfs.setXattr", "ringfs.removeXattr",
            "ringfs.lock", "ringfs.refreshLock", "ringfs.unlock", "ringfs.releaseLocks", "ringfs.replicasVerified",
            "ringfs.retire", "ringfs.drainReport");

    @Test
    void everyMetaServiceMethodIsACall() {
        assertThat(MetaCalls.all()).hasSize(MetaService.class.getDeclaredMethods().length);
    }

    @Test
    void theWiresCallsKeepTheirNamesAndWhetherTheyMutate() {
        for (String name : READS) assertThat(MetaCalls.named(name)).as(name).matches(call -> !call.mutation());
        for (String name : MUTATIONS) assertThat(MetaCalls.named(name)).as(name).matches(MetaCall::mutation);
    }

    @Test
    void argumentsTravelAsI4I8StringsStructsAndArrays() throws RingFsException {
        BlockWrite w = new BlockWrite(new BlockInfo(0, 5, 10, 7), 4, List.of("data-1"));
        Object[] commit = MetaCalls.named("ringfs.commit").encodeArguments(new Object[] {1L, 2L, 3L, 4L, List.of(w)});
        assertThat(commit).startsWith(1L, 2L, 3L, 4L);
        assertThat(Wire.listOf(commit[4], BlockWrite::fromWire)).containsExactly(w);
        Object[] mkdir = MetaCalls.named("ringfs.mkdir").encodeArguments(new Object[] {"/d", 0755, 0, 0});
        assertThat(mkdir[1]).isInstanceOf(Integer.class);
        Object[] mknod = MetaCalls.named("ringfs.mknod").encodeArguments(
                new Object[] {"/n", FileType.FIFO, 0644, 0, 0, 0});
        assertThat(mknod[1]).isEqualTo("FIFO");
        Object[] release = MetaCalls.named("ringfs.releaseInodes").encodeArguments(
                new Object[] {1L, List.of(new InodeHold(7, 1), new InodeHold(8, 2))});
        assertThat(Wire.listOf(release[1], InodeHold::fromWire)).containsExactly(new InodeHold(7, 1), new InodeHold(8, 2));
        assertThat(MetaCalls.named("ringfs.clusterMap").encodeArguments(null)).isEmpty();
    }

    @Test
    void aMissingLastBlockIsAnEmptyStructAndAMissingLockOwnerIsNil() throws RingFsException {
        MetaCall truncate = MetaCalls.named("ringfs.truncate");
        Object[] wire = truncate.encodeArguments(new Object[] {1L, 2L, 0L, null});
        assertThat(wire[3]).isEqualTo(Map.of());
        assertThat(truncate.decodeArguments(wire)[3]).isNull();
        MetaCall lock = MetaCalls.named("ringfs.lock");
        Object[] lockWire = lock.encodeArguments(new Object[] {"/a", true, false, null, "bob", 60L});
        assertThat(lockWire[3]).isNull();
        assertThat(lock.decodeArguments(lockWire)[3]).isNull();
    }

    @Test
    void aCallThatReturnsNothingAnswersTrue() {
        assertThat(MetaCalls.named("ringfs.closeSession").encodeReply(null)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void aWrongCountOrShapeIsABadRequest() {
        MetaCall stat = MetaCalls.named("ringfs.stat");
        assertThatThrownBy(() -> stat.decodeArguments(new Object[0])).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> stat.decodeArguments(new Object[] {null})).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> MetaCalls.named("ringfs.truncate").decodeArguments(new Object[] {1L, 2L, 0L, "x"}))
                .isInstanceOfSatisfying(RingFsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void unknownNamesHaveNoCall() {
        assertThat(MetaCalls.named("ringfs.nope")).isNull();
        assertThat(MetaCalls.named("system.listMethods")).isNull();
        assertThat(MetaCalls.named(null)).isNull();
    }
}
