package org.ringfs.repair;

import org.junit.jupiter.api.Test;
import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FreedPage;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** fsck's reading of meta's freed records, and which copies they cover. */
class FreedCopiesTest {
    /** A meta that answers freedRecords from {@code records} in pages of at most {@code page}, noting where each page began. */
    private static MetaService metaWith(List<FreedRecord> records, int page, List<Long> asked) {
        return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[] {MetaService.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("freedRecords")) throw new AssertionError(method.getName());
                    long after = (Long) args[0];
                    int max = Math.min((Integer) args[1], page);
                    asked.add(after);
                    List<FreedRecord> rest = records.stream().filter(r -> r.sequence() > after).toList();
                    return new FreedPage(rest.subList(0, Math.min(max, rest.size())), rest.size() <= max, 1);
                });
    }

    private static MetaService failing(ErrorCode code) {
        return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[] {MetaService.class},
                (proxy, method, args) -> {
                    throw new RingFsException(code, "meta says " + code);
                });
    }

    @Test
    void aRecordCoversItsInodesIndicesUpToItsGeneration() throws Exception {
        List<FreedRecord> records = List.of(
                FreedRecord.wholeInode(1, 7),                 // inode 7 removed
                new FreedRecord(2, 9, 4, Long.MAX_VALUE, 30), // inode 9 truncated to 4 blocks, generations <= 30
                new FreedRecord(3, 9, 1, 2, 12));             // inode 9's block 1 replaced over generation 12
        FreedCopies freed = FreedCopies.read(metaWith(records, 100, new ArrayList<>()));

        assertThat(freed.covers(new BlockKey(7, 0, 5))).isTrue();
        assertThat(freed.covers(new BlockKey(7, 123, 999))).isTrue();
        assertThat(freed.covers(new BlockKey(9, 4, 30))).isTrue();
        assertThat(freed.covers(new BlockKey(9, 4, 31))).isFalse(); // a newer writer's pending generation
        assertThat(freed.covers(new BlockKey(9, 3, 20))).isFalse();  // below the truncate
        assertThat(freed.covers(new BlockKey(9, 1, 12))).isTrue();
        assertThat(freed.covers(new BlockKey(9, 1, 13))).isFalse();
        assertThat(freed.covers(new BlockKey(8, 0, 1))).isFalse();
    }

    @Test
    void recordsAreReadPageByPageFromTheLastSequence() throws Exception {
        List<FreedRecord> records = new ArrayList<>();
        for (long s = 1; s <= 25; s++) records.add(FreedRecord.wholeInode(s * 10, 100 + s));
        List<Long> asked = new ArrayList<>();
        FreedCopies freed = FreedCopies.read(metaWith(records, 10, asked));

        assertThat(asked).containsExactly(0L, 100L, 200L);
        assertThat(freed.covers(new BlockKey(125, 0, 1))).isTrue();
    }

    @Test
    void aRefreshReadsOnlyTheRecordsWrittenSinceTheLastRead() throws Exception {
        List<FreedRecord> records = new ArrayList<>(List.of(FreedRecord.wholeInode(1, 7)));
        List<Long> asked = new ArrayList<>();
        FreedCopies freed = FreedCopies.read(metaWith(records, 100, asked));
        records.add(FreedRecord.wholeInode(2, 8)); // a file removed while fsck walked
        assertThat(freed.covers(new BlockKey(8, 0, 3))).isFalse();

        freed.refresh();

        assertThat(asked).containsExactly(0L, 1L);
        assertThat(freed.covers(new BlockKey(8, 0, 3))).isTrue();
        assertThat(freed.covers(new BlockKey(7, 0, 3))).isTrue();
    }

    @Test
    void aMetaWithoutTheCallGivesNoRecordsAndOtherFailuresStopFsck() throws Exception {
        assertThat(FreedCopies.read(failing(ErrorCode.UNKNOWN_METHOD)).covers(new BlockKey(1, 0, 1))).isFalse();
        assertThat(FreedCopies.read(failing(ErrorCode.NOT_SUPPORTED)).covers(new BlockKey(1, 0, 1))).isFalse();
        FreedCopies none = FreedCopies.read(failing(ErrorCode.UNKNOWN_METHOD));
        none.refresh(); // asks no meta
        assertThat(none.covers(new BlockKey(1, 0, 1))).isFalse();
        assertThatThrownBy(() -> FreedCopies.read(failing(ErrorCode.UNAVAILABLE)))
                .isInstanceOf(RingFsException.class);
    }
}
