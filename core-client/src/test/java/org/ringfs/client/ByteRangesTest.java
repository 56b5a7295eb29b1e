package org.ringfs.client;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ByteRangesTest {
    static final int BLOCK = 256;

    record Write(int start, int end) {}

    /** Laying written ranges over another block keeps exactly the written bytes, and the rest of the other. */
    @Property(tries = 300)
    void overlayKeepsExactlyTheWrittenBytes(@ForAll("writes") List<Write> writes, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] mine = new byte[BLOCK];
        byte[] theirs = new byte[BLOCK];
        random.nextBytes(mine);
        random.nextBytes(theirs);
        boolean[] written = new boolean[BLOCK];
        ByteRanges ranges = new ByteRanges();
        int end = 0;
        for (Write w : writes) {
            ranges.add(w.start(), w.end());
            for (int i = w.start(); i < w.end(); i++) written[i] = true;
            if (w.end() > w.start()) end = Math.max(end, w.end());
        }
        byte[] merged = theirs.clone();
        ranges.overlay(mine, merged);
        for (int i = 0; i < BLOCK; i++) assertThat(merged[i]).isEqualTo(written[i] ? mine[i] : theirs[i]);
        assertThat(ranges.end()).isEqualTo(end);
        int runs = 0;
        for (int i = 0; i < BLOCK; i++) if (written[i] && (i == 0 || !written[i - 1])) runs++;
        assertThat(ranges.count()).isEqualTo(runs); // merged: one range per run of written bytes
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, BLOCK);
        return Combinators.combine(at, at).as((a, b) -> new Write(Math.min(a, b), Math.max(a, b))).list().ofMaxSize(12);
    }
}
