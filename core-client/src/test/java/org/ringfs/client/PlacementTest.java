package org.ringfs.client;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.ringfs.placement.Placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Placement as the client relies on it: three distinct servers, round robin, the same in every run. */
class PlacementTest {

    static List<String> ring(int n) {
        List<String> r = new ArrayList<>();
        for (int i = 1; i <= n; i++) r.add("data-" + i);
        return r;
    }

    @Property(tries = 300)
    void threeDistinctConsecutiveServers(@ForAll @IntRange(min = 3, max = 7) int n,
                                         @ForAll @LongRange(min = 1) long inode,
                                         @ForAll @LongRange(max = 1L << 40) long index) {
        Placement p = new Placement(ring(n));
        List<String> t = p.targets(inode, index);
        assertThat(new HashSet<>(t)).hasSize(3);
        int primary = p.primary(inode, index);
        for (int c = 0; c < 3; c++) assertThat(t.get(c)).isEqualTo(p.ring().get((primary + c) % n));
    }

    @Property(tries = 100)
    void roundRobinSpreadsBlocksEvenly(@ForAll @IntRange(min = 3, max = 7) int n, @ForAll @LongRange(min = 1) long inode,
                                       @ForAll @IntRange(min = 1, max = 20) int rounds) {
        Placement p = new Placement(ring(n));
        Map<String, Integer> primaries = new HashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        for (long i = 0; i < (long) n * rounds; i++) {
            assertThat(p.primary(inode, i + 1)).isEqualTo((p.primary(inode, i) + 1) % n);
            List<String> t = p.targets(inode, i);
            primaries.merge(t.get(0), 1, Integer::sum);
            for (String s : t) copies.merge(s, 1, Integer::sum);
        }
        assertThat(primaries).hasSize(n).allSatisfy((s, k) -> assertThat(k).isEqualTo(rounds));
        assertThat(copies).hasSize(n).allSatisfy((s, k) -> assertThat(k).isEqualTo(3 * rounds));
    }

    /** Pinned values: a change to the hash would move every stored block, so it must fail here first. */
    @Test
    void stableAcrossRuns() {
        Placement five = new Placement(ring(5));
        Placement seven = new Placement(ring(7));
        List<String> pinned = new ArrayList<>();
        for (long inode : new long[] {1, 2, 42, 1_000_003}) {
            pinned.add(five.targets(inode, 0).get(0) + "," + seven.targets(inode, 3).get(0));
        }
        assertThat(pinned).containsExactly(PINNED);
    }

    static final String[] PINNED = {"data-5,data-4", "data-5,data-6", "data-3,data-7", "data-5,data-3"};
}
