package org.ringfs.client;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ringfs.api.BlockInfo;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dirty block's buffer grows with what is written, yet the block reads, fills and rebases as a
 * block-size array would: that array is the model here.
 */
class DirtyBlockTest {
    static final int BLOCK = 64 * 1024;

    record Write(int offset, int length) {}

    @Property(tries = 1000)
    void aGrowingBufferHoldsWhatABlockSizeArrayWould(@ForAll("writes") List<Write> writes, @ForAll long seed,
                                                     @ForAll @IntRange(max = BLOCK) int committedLength,
                                                     @ForAll boolean fromCommitted) {
        Random random = new Random(seed);
        byte[] model = new byte[BLOCK];
        int modelLength = 0;
        DirtyBlock block;
        if (fromCommitted) {
            byte[] committed = new byte[committedLength];
            random.nextBytes(committed);
            System.arraycopy(committed, 0, model, 0, committedLength);
            modelLength = committedLength;
            block = DirtyBlock.loaded(3, BLOCK, new VerifiedBlock(new BlockInfo(3, 7, committedLength, 0, 1), committed));
        } else {
            block = DirtyBlock.fresh(3, BLOCK, 0);
        }
        for (Write w : writes) {
            byte[] src = new byte[w.length() + 5];
            random.nextBytes(src);
            block.write(w.offset(), src, 5, w.length());
            System.arraycopy(src, 5, model, w.offset(), w.length());
            modelLength = Math.max(modelLength, w.offset() + w.length());
        }

        assertThat(block.length()).isEqualTo(modelLength);
        assertThat(block.isFull()).isEqualTo(modelLength == BLOCK);
        assertThat(block.bytes().length).isBetween(modelLength, BLOCK);
        byte[] read = new byte[BLOCK];
        Arrays.fill(read, (byte) 1);
        block.copyTo(0, read, 0, BLOCK);
        assertThat(read).isEqualTo(Arrays.copyOf(Arrays.copyOf(model, modelLength), BLOCK)); // zeros past the length

        // Another writer's block under this one's writes: its bytes, with exactly these writes laid over.
        byte[] theirs = new byte[random.nextInt(BLOCK + 1)];
        random.nextBytes(theirs);
        byte[] rebased = Arrays.copyOf(theirs, BLOCK);
        int rebasedLength = theirs.length;
        for (Write w : writes) {
            System.arraycopy(model, w.offset(), rebased, w.offset(), w.length());
            rebasedLength = Math.max(rebasedLength, w.offset() + w.length());
        }
        block.rebase(new VerifiedBlock(new BlockInfo(3, 9, theirs.length, 0, 1), theirs));
        assertThat(block.length()).isEqualTo(rebasedLength);
        block.copyTo(0, read, 0, BLOCK);
        assertThat(read).isEqualTo(Arrays.copyOf(Arrays.copyOf(rebased, rebasedLength), BLOCK));
    }

    @Test
    void aSmallFileTakesASmallBufferAndAStreamingWriterTheWholeBlock() {
        DirtyBlock small = DirtyBlock.fresh(0, 1 << 20, 0);
        small.write(0, "hello".getBytes(), 0, 5);
        assertThat(small.bytes().length).isEqualTo(DirtyBlock.MIN_CAPACITY);
        small.write(5, new byte[10_000], 0, 10_000);
        assertThat(small.bytes().length).isEqualTo(16 * 1024);

        DirtyBlock streamed = DirtyBlock.fresh(0, 1 << 20, 0);
        streamed.write(0, new byte[128 * 1024], 0, 128 * 1024); // one FUSE write
        assertThat(streamed.bytes().length).isEqualTo(1 << 20);
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        // Mostly small writes near the start (the buffer grows), some anywhere (it takes the block).
        Arbitrary<Integer> offset = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, BLOCK / 10)), Tuple.of(1, Arbitraries.integers().between(0, BLOCK - 1)));
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(1, 3000)), Tuple.of(1, Arbitraries.integers().between(1, BLOCK)));
        Arbitrary<Write> write = Combinators.combine(offset, length)
                .as((o, n) -> new Write(o, Math.min(n, BLOCK - o)));
        return write.list().ofMaxSize(12);
    }
}
