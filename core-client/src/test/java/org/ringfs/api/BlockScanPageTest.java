package org.ringfs.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A page of committed blocks says which meta master answered; one from a meta that does not say counts only for a lone meta. */
class BlockScanPageTest {
    static final List<FileBlock> BLOCKS = List.of(new FileBlock(7, new BlockInfo(0, 3, 100, 0x1234)));

    @Test
    void theTermTravelsOnTheWire() throws Exception {
        BlockScanPage page = new BlockScanPage(BLOCKS, true, 99, 5);

        BlockScanPage back = BlockScanPage.fromWire(page.toWire());

        assertThat(back).isEqualTo(page);
        assertThat(back.isFromMasterOf(5)).isTrue();
        assertThat(back.isFromMasterOf(4)).isFalse();
        assertThat(back.isFromMasterOf(6)).isFalse();
    }

    @Test
    void aPageWithoutATermIsFromALoneMetaOnly() throws Exception {
        Map<String, Object> older = new BlockScanPage(BLOCKS, false, 99, 0).toWire();
        older.remove("term");

        BlockScanPage page = BlockScanPage.fromWire(older);

        assertThat(page.term()).isEqualTo(BlockScanPage.NO_TERM);
        assertThat(page.isFromMasterOf(0)).isTrue();
        assertThat(page.isFromMasterOf(1)).isFalse();
    }
}
