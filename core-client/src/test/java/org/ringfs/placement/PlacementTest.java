package org.ringfs.placement;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placement as the client, the reconcilers and fsck rely on it: three distinct servers, the same
 * in every process, and a ring change that moves only the share that changes hands.
 */
class PlacementTest {
    /** Blocks per sample: enough that a server's share is measured within about a per cent. */
    private static final int SAMPLE = 20_000;
    /** Above COPIES/(N+1): the share a joining server takes varies with its points on the circle. */
    private static final double SLACK = 0.08;

    static List<String> ring(int n) {
        List<String> r = new ArrayList<>();
        for (int i = 1; i <= n; i++) r.add("data-" + i);
        return r;
    }

    @Property(tries = 300)
    void threeDistinctServersOfTheRingOnTheCircle(@ForAll @IntRange(min = 3, max = 9) int n,
                                                  @ForAll @LongRange(min = 1) long inode,
                                                  @ForAll @LongRange(max = 1L << 40) long index) {
        Placement p = new Placement(ring(n));
        List<String> t = p.targets(inode, index);
        assertThat(new HashSet<>(t)).hasSize(Placement.COPIES);
        assertThat(p.ring()).containsAll(t);
        List<String> around = p.successors(inode, index);
        assertThat(around).containsExactlyInAnyOrderElementsOf(p.ring());
        assertThat(around.subList(0, Placement.COPIES)).isEqualTo(t);
        for (int c = 0; c < Placement.COPIES; c++) assertThat(p.copyOf(inode, index, t.get(c))).isEqualTo(c);
    }

    /** Every process must compute the same targets, whatever order its copy of the ring is in. */
    @Property(tries = 100)
    void deterministicAndIndependentOfRingOrder(@ForAll @IntRange(min = 3, max = 9) int n, @ForAll long seed,
                                                @ForAll @LongRange(min = 1) long inode) {
        List<String> shuffled = ring(n);
        Collections.shuffle(shuffled, new Random(seed));
        Placement a = new Placement(ring(n));
        Placement b = new Placement(shuffled);
        for (long i = 0; i < 200; i++) {
            assertThat(b.targets(inode, i)).isEqualTo(a.targets(inode, i));
            assertThat(new Placement(ring(n)).targets(inode, i)).isEqualTo(a.targets(inode, i));
        }
    }

    /** The round robin's promise kept: every server takes about its share of the copies. */
    @Property(tries = 20)
    void copiesSpreadOverEveryServer(@ForAll @IntRange(min = 3, max = 9) int n, @ForAll @LongRange(min = 1) long inode) {
        Placement p = new Placement(ring(n));
        Map<String, Integer> copies = new HashMap<>();
        for (long i = 0; i < SAMPLE; i++) for (String s : p.targets(inode + i / 64, i % 64)) copies.merge(s, 1, Integer::sum);
        double mean = 3.0 * SAMPLE / n;
        assertThat(copies).hasSize(n).allSatisfy((s, k) -> assertThat(k).isBetween((int) (mean * 0.6), (int) (mean * 1.4)));
    }

    @Property(tries = 40)
    void aJoinMovesOnlyTheNewServersShare(@ForAll @IntRange(min = 3, max = 9) int n,
                                          @ForAll @AlphaChars @StringLength(min = 1, max = 12) String joining,
                                          @ForAll @LongRange(min = 1, max = 1L << 50) long firstInode) {
        List<String> before = ring(n);
        Assume.that(!before.contains(joining));
        List<String> after = new ArrayList<>(before);
        after.add(joining);
        Placement old = new Placement(before);
        Placement grown = new Placement(after);
        int moved = 0;
        for (int b = 0; b < SAMPLE; b++) {
            long inode = firstInode + b / 16;
            long index = b % 16;
            List<String> was = old.targets(inode, index);
            List<String> now = grown.targets(inode, index);
            if (was.equals(now)) continue;
            moved++;
            // One copy moves, and it moves to the new server; the other two stay put.
            assertThat(now).contains(joining);
            assertThat(kept(was, now)).isEqualTo(Placement.COPIES - 1);
        }
        assertThat((double) moved / SAMPLE).isLessThanOrEqualTo(3.0 / (n + 1) + SLACK);
    }

    @Property(tries = 40)
    void aRetirementMovesOnlyTheRetiredServersCopies(@ForAll @IntRange(min = 4, max = 10) int n,
                                                     @ForAll @IntRange(min = 1, max = 10) int retired,
                                                     @ForAll @LongRange(min = 1, max = 1L << 50) long firstInode) {
        Assume.that(retired <= n);
        String leaving = "data-" + retired;
        List<String> before = ring(n);
        List<String> after = new ArrayList<>(before);
        after.remove(leaving);
        Placement old = new Placement(before);
        Placement shrunk = new Placement(after);
        int moved = 0;
        for (int b = 0; b < SAMPLE; b++) {
            long inode = firstInode + b / 16;
            long index = b % 16;
            List<String> was = old.targets(inode, index);
            List<String> now = shrunk.targets(inode, index);
            if (!was.contains(leaving)) {
                assertThat(now).isEqualTo(was);
                continue;
            }
            moved++;
            assertThat(kept(was, now)).isEqualTo(Placement.COPIES - 1);
        }
        assertThat((double) moved / SAMPLE).isLessThanOrEqualTo(3.0 / n + SLACK);
    }

    /** For any one block and any single join or retirement, two of its three copies stay where they are. */
    @Property(tries = 500)
    void twoOfThreeTargetsSurviveAnySingleChange(@ForAll @IntRange(min = 4, max = 9) int n,
                                                 @ForAll @IntRange(min = 1, max = 9) int changed,
                                                 @ForAll @LongRange(min = 1) long inode,
                                                 @ForAll @LongRange(max = 1L << 40) long index) {
        Assume.that(changed <= n);
        List<String> full = ring(n);
        List<String> without = new ArrayList<>(full);
        without.remove("data-" + changed);
        List<String> a = new Placement(full).targets(inode, index);
        List<String> b = new Placement(without).targets(inode, index);
        assertThat(kept(a, b)).isGreaterThanOrEqualTo(Placement.COPIES - 1); // a retirement (and, read backwards, a join)
    }

    private static int kept(List<String> was, List<String> now) {
        Set<String> common = new HashSet<>(was);
        common.retainAll(now);
        return common.size();
    }

    /** Pinned values: a change to either hash would move every stored block, so it must fail here first. */
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

    @Test
    void sharesOfTheCircleAddUpAndMatchWhereBlocksGo() {
        Placement p = new Placement(ring(5));
        java.util.Map<String, double[]> shares = p.shares();
        assertThat(shares.keySet()).containsExactlyElementsOf(ring(5));
        assertThat(shares.values().stream().mapToDouble(s -> s[0]).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(shares.values().stream().mapToDouble(s -> s[1]).sum()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
        // The shares are what placement does: count primaries and copies of many blocks.
        java.util.Map<String, Integer> primaries = new java.util.HashMap<>();
        java.util.Map<String, Integer> held = new java.util.HashMap<>();
        int blocks = 200_000;
        for (long i = 0; i < blocks; i++) {
            List<String> t = p.targets(i / 100, i % 100);
            primaries.merge(t.get(0), 1, Integer::sum);
            for (String s : t) held.merge(s, 1, Integer::sum);
        }
        for (String server : ring(5)) {
            assertThat(primaries.get(server) / (double) blocks).isCloseTo(shares.get(server)[0], org.assertj.core.data.Offset.offset(0.01));
            assertThat(held.get(server) / (double) blocks).isCloseTo(shares.get(server)[1], org.assertj.core.data.Offset.offset(0.01));
        }
    }

    static final String[] PINNED = {"data-3,data-7", "data-4,data-3", "data-1,data-2", "data-1,data-4"};
}
