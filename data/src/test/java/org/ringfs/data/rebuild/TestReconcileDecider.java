package org.ringfs.data.rebuild;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.FileBlock;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.placement.Placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconciler's decisions as properties over random meta contents, local copies and rings. */
class TestReconcileDecider {
    static final long NOW = 1_000_000;
    static final long GRACE = 1_000;

    record Case(List<FileBlock> meta, List<StoredBlock> local, List<String> ring, String self) {
        Placement placement() { return new Placement(ring); }

        List<ReconcileAction> decide() throws RingFsException {
            return new ReconcileDecider(placement(), self, NOW, GRACE).decide(meta, local);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<FileBlock> block = Combinators.combine(Arbitraries.longs().between(1, 4), Arbitraries.longs().between(0, 5),
                Arbitraries.longs().between(1, 3), Arbitraries.of(10, 20), Arbitraries.of(1, 2))
                .as((inode, index, gen, len, crc) -> new FileBlock(inode, new BlockInfo(index, gen, len, crc)));
        Arbitrary<List<FileBlock>> meta = block.list().ofMaxSize(15)
                .uniqueElements(b -> List.of(b.inode(), b.block().index()))
                .map(l -> l.stream().sorted(Comparator.comparing(FileBlock::key)).toList());
        Arbitrary<StoredBlock> copy = Combinators.combine(Arbitraries.longs().between(1, 4), Arbitraries.longs().between(0, 5),
                Arbitraries.longs().between(1, 4), Arbitraries.of(10, 20), Arbitraries.of(1, 2),
                Arbitraries.of(NOW - 5 * GRACE, NOW - GRACE / 2, NOW))
                .as((inode, index, gen, len, crc, at) -> new StoredBlock(new BlockKey(inode, index, gen), len, crc, at));
        Arbitrary<List<StoredBlock>> local = copy.list().ofMaxSize(20).uniqueElements(StoredBlock::key)
                .map(l -> l.stream().sorted(Comparator.comparing(StoredBlock::key)).toList());
        Arbitrary<List<String>> ring = Arbitraries.integers().between(3, 6)
                .map(n -> IntStream.range(0, n).mapToObj(i -> "s" + i).toList());
        return Combinators.combine(meta, local, ring, Arbitraries.integers().between(0, 5))
                .as((m, l, r, self) -> new Case(m, l, r, r.get(self % r.size())));
    }

    static boolean old(StoredBlock c) { return NOW - c.storedAtMillis() > GRACE; }

    static Map<List<Long>, FileBlock> byBlock(List<FileBlock> meta) {
        Map<List<Long>, FileBlock> out = new HashMap<>();
        for (FileBlock b : meta) out.put(List.of(b.inode(), b.block().index()), b);
        return out;
    }

    @Property(tries = 400)
    void fetchesExactlyTheBlocksPlacedHereAndNotHeldIntact(@ForAll("cases") Case c) throws Exception {
        Placement p = c.placement();
        Set<BlockKey> expected = new HashSet<>();
        for (FileBlock m : c.meta()) {
            boolean held = c.local().stream().anyMatch(l -> ReconcileDecider.matches(l, m));
            if (p.holds(c.self(), m.inode(), m.block().index()) && !held) expected.add(m.key());
        }
        List<BlockKey> fetched = c.decide().stream().filter(a -> a instanceof ReconcileAction.Fetch)
                .map(a -> ((ReconcileAction.Fetch) a).block().key()).toList();
        assertThat(fetched).doesNotHaveDuplicates();
        assertThat(new HashSet<>(fetched)).isEqualTo(expected);
    }

    @Property(tries = 400)
    void deletesSupersededCopiesAndOnlyOldOnesNobodyNeedsAndMisplacedOnesOnlyOnceReplicated(@ForAll("cases") Case c) throws Exception {
        Placement p = c.placement();
        Map<List<Long>, FileBlock> meta = byBlock(c.meta());
        Map<BlockKey, ReconcileAction> actionByCopy = new HashMap<>();
        for (ReconcileAction a : c.decide()) {
            StoredBlock copy = a instanceof ReconcileAction.Delete d ? d.copy()
                    : a instanceof ReconcileAction.DeleteIfReplicated r ? r.copy() : null;
            if (copy != null) assertThat(actionByCopy.put(copy.key(), a)).as("one action per copy").isNull();
        }
        for (StoredBlock l : c.local()) {
            FileBlock m = meta.get(List.of(l.key().inode(), l.key().index()));
            boolean placed = p.holds(c.self(), l.key().inode(), l.key().index());
            boolean current = m != null && m.block().generation() == l.key().generation();
            boolean intact = m != null && ReconcileDecider.matches(l, m);
            boolean superseded = m != null && l.key().generation() < m.block().generation();
            ReconcileAction a = actionByCopy.get(l.key());
            if (superseded) {
                assertThat(a).as("superseded, deleted at any age: %s", l).isInstanceOf(ReconcileAction.Delete.class);
            } else if (!old(l) || (intact && placed) || (current && !intact && placed)) {
                assertThat(a).as("kept: %s", l).isNull();
            } else if (intact) {
                assertThat(a).as("misplaced: %s", l).isInstanceOf(ReconcileAction.DeleteIfReplicated.class);
                assertThat(((ReconcileAction.DeleteIfReplicated) a).targets())
                        .isEqualTo(p.targets(l.key().inode(), l.key().index())).doesNotContain(c.self());
            } else {
                assertThat(a).as("unreferenced: %s", l).isInstanceOf(ReconcileAction.Delete.class);
            }
        }
    }

    @Property(tries = 200)
    void fetchSourcesAreTheOtherTargetsFirstThenTheRestOfTheRing(@ForAll("cases") Case c) throws Exception {
        Placement p = c.placement();
        for (ReconcileAction a : c.decide()) {
            if (!(a instanceof ReconcileAction.Fetch f)) continue;
            List<String> others = new ArrayList<>(p.targets(f.block().inode(), f.block().block().index()));
            others.remove(c.self());
            assertThat(f.sources()).doesNotContain(c.self()).hasSize(c.ring().size() - 1).doesNotHaveDuplicates();
            assertThat(f.sources().subList(0, others.size())).isEqualTo(others);
        }
    }

    @Property(tries = 200)
    void pagingDoesNotChangeTheDecisions(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 4) int pageSize)
            throws Exception {
        List<ReconcileAction> paged = new ArrayList<>();
        new ReconcileDecider(c.placement(), c.self(), NOW, GRACE)
                .decide(pages(c.meta(), pageSize), pages(c.local(), pageSize), paged::add);
        assertThat(paged).isEqualTo(c.decide());
    }

    /** Pages of {@code size} items, each fetched after the last item of the previous one. */
    static <T> SortedSource<T> pages(List<T> items, int size) {
        return new PagedSource<>(last -> {
            int from = last == null ? 0 : items.indexOf(last) + 1;
            return items.subList(from, Math.min(items.size(), from + size));
        });
    }
}
