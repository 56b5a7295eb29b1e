package org.ringfs.placement;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.RingEpoch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placement by epoch: a block recorded under an epoch is looked for first where the ring of that
 * epoch placed it, then on its current targets; an epoch the history cannot place falls back to the
 * current targets alone.
 */
class RingHistoryTest {

    /** A history of {@code joins} single joins after a ring of {@code start}: epoch e has start + e - 1 members. */
    private static List<RingEpoch> joins(int start, int joins) {
        List<RingEpoch> out = new ArrayList<>();
        for (int e = 1; e <= joins + 1; e++) out.add(new RingEpoch(e, PlacementTest.ring(start + e - 1)));
        return out;
    }

    private static RingHistory history(List<RingEpoch> rings) {
        return new RingHistory(rings, new Placement(rings.get(rings.size() - 1).members()),
                rings.get(rings.size() - 1).epoch());
    }

    @Property(tries = 300)
    void readsTheEpochsTargetsFirstThenTheCurrentOnesEachOnce(@ForAll @IntRange(min = 3, max = 7) int start,
                                                               @ForAll @IntRange(min = 1, max = 4) int joins,
                                                               @ForAll @IntRange(min = 1, max = 5) int blockEpoch,
                                                               @ForAll @LongRange(min = 1) long inode,
                                                               @ForAll @LongRange(max = 1L << 40) long index) {
        List<RingEpoch> rings = joins(start, joins);
        long epoch = Math.min(blockEpoch, rings.size());
        RingHistory h = history(rings);
        List<String> then = new Placement(rings.get((int) epoch - 1).members()).targets(inode, index);
        List<String> now = h.current().targets(inode, index);

        List<String> order = h.readTargets(inode, index, epoch);
        assertThat(new HashSet<>(order)).hasSize(order.size());
        assertThat(order.subList(0, Placement.COPIES)).isEqualTo(then);
        assertThat(order).containsAll(now);
        List<String> rest = order.subList(Placement.COPIES, order.size());
        assertThat(rest).isEqualTo(now.stream().filter(s -> !then.contains(s)).toList());
    }

    @Property(tries = 200)
    void aBlockOfTheCurrentRingOrOfNoKnownEpochIsReadFromItsCurrentTargets(
            @ForAll @IntRange(min = 3, max = 7) int start, @ForAll @IntRange(min = 0, max = 3) int joins,
            @ForAll @LongRange(min = 1) long inode, @ForAll @LongRange(max = 1L << 40) long index) {
        List<RingEpoch> rings = joins(start, joins);
        RingHistory h = history(rings);
        List<String> now = h.current().targets(inode, index);
        long current = rings.get(rings.size() - 1).epoch();
        assertThat(h.readTargets(inode, index, current)).isEqualTo(now);
        assertThat(h.readTargets(inode, index, BlockInfo.UNKNOWN_EPOCH)).isEqualTo(now);
        assertThat(h.readTargets(inode, index, current + 1)).as("after the map's epoch: unknown").isEqualTo(now);
    }

    @Test
    void anEpochBetweenEntriesIsPlacedByTheEntryInForceThenAndOneBeforeTheHistoryIsUnknown() {
        List<String> four = PlacementTest.ring(4);
        List<String> five = PlacementTest.ring(5);
        // Epochs 3 and 4 (an address change, say) left placement as epoch 2 made it.
        RingHistory h = new RingHistory(List.of(new RingEpoch(2, four), new RingEpoch(5, five)), new Placement(five), 6);
        assertThat(h.at(1)).isNull();
        assertThat(h.at(2).ring()).isEqualTo(four);
        assertThat(h.at(4).ring()).isEqualTo(four);
        assertThat(h.at(5).ring()).isEqualTo(five);
        assertThat(h.at(6)).isSameAs(h.current());
        assertThat(h.at(7)).isNull();
    }
}
