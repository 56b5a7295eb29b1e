package org.ringfs.client;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BlockRangeTest {

    @Property(tries = 500)
    void spansTileTheRangeBlockByBlock(@ForAll @LongRange(max = 1L << 40) long position,
                                       @ForAll @IntRange(max = 5000) int length,
                                       @ForAll @IntRange(min = 1, max = 1024) int blockSize) {
        BlockRange range = new BlockRange(position, length, blockSize);
        List<BlockSpan> spans = range.spans();
        assertThat((long) spans.size()).isEqualTo(range.lastIndex() - range.firstIndex() + 1);
        long at = position;
        int inRange = 0;
        for (BlockSpan s : spans) {
            assertThat(s.length()).isPositive();
            assertThat(s.offsetInRange()).isEqualTo(inRange);
            assertThat(s.index() * blockSize + s.offsetInBlock()).isEqualTo(at); // contiguous, in file order
            assertThat(s.endInBlock()).isLessThanOrEqualTo(blockSize);
            at += s.length();
            inRange += s.length();
        }
        assertThat(inRange).isEqualTo(length);
        if (spans.size() > 1) {
            assertThat(spans.get(0).endInBlock()).isEqualTo(blockSize);
            for (BlockSpan s : spans.subList(1, spans.size())) assertThat(s.offsetInBlock()).isZero();
        }
    }

    @Property
    void blockCountCoversEveryByteOfASize(@ForAll @LongRange(max = 1L << 40) long size,
                                          @ForAll @IntRange(min = 1, max = 1 << 20) int blockSize) {
        long count = BlockRange.blockCount(size, blockSize);
        assertThat(count * blockSize).isGreaterThanOrEqualTo(size);
        if (size > 0) {
            assertThat((count - 1) * blockSize).isLessThan(size);
            assertThat(BlockRange.blockOf(size - 1, blockSize)).isEqualTo(count - 1);
        } else {
            assertThat(count).isZero();
        }
    }
}
