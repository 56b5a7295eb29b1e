package org.ringfs.meta.registry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.FreedRecord;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Freed records stay until every server of the ring has carried them out; a truncate's stays for commits. */
class DeleteOrdersTest {
    @TempDir Path dir;
    MetaFixture fx;

    @BeforeEach
    void open() throws Exception { fx = new MetaFixture(dir); }

    @AfterEach
    void close() { fx.close(); }

    @Test
    void aRecordIsPurgedOnlyOnceEveryRingServerHasAskedPastIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            fx.meta.create("/f" + i, 0644, 0, 0, true);
            fx.meta.unlink("/f" + i);
        }
        List<FreedRecord> all = fx.meta.freedBlocks("data-1", 0, 100).records();
        assertThat(all).hasSize(3);
        long second = all.get(1).sequence();

        for (String s : MetaFixture.RING.subList(0, 4)) fx.meta.freedBlocks(s, second, 100);
        assertThat(fx.meta.purgeAppliedFreedRecords()).isZero(); // data-5 has not asked yet
        fx.meta.freedBlocks("data-5", all.get(0).sequence(), 100);
        assertThat(fx.meta.purgeAppliedFreedRecords()).isEqualTo(1); // up to what the slowest has carried out
        assertThat(fx.meta.freedBlocks("data-1", 0, 100).records()).extracting(FreedRecord::sequence)
                .containsExactly(all.get(1).sequence(), all.get(2).sequence());
    }

    @Test
    void fscksReadOfTheKeptRecordsNotesNobodysProgress() throws Exception {
        for (int i = 0; i < 2; i++) {
            fx.meta.create("/f" + i, 0644, 0, 0, true);
            fx.meta.unlink("/f" + i);
        }
        List<FreedRecord> kept = fx.meta.freedRecords(0, 100).records();
        assertThat(kept).hasSize(2);
        assertThat(fx.meta.freedRecords(kept.get(0).sequence(), 100).records()).containsExactly(kept.get(1));
        for (String s : MetaFixture.RING) fx.meta.freedRecords(kept.get(1).sequence(), 100);
        // Had fsck's reads counted as servers' progress, every ring server would seem done with both.
        assertThat(fx.meta.purgeAppliedFreedRecords()).isZero();
        assertThat(fx.meta.freedRecords(0, 100).records()).isEqualTo(kept);
    }
}
