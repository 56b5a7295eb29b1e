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
import org.ringfs.api.GenerationRange;
import org.ringfs.api.LiveGenerations;
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

/**
 * The reconciler's decisions as properties over random meta contents, live generations, local
 * copies and rings: a copy goes only on meta's positive record, never for being unknown or old.
 */
class TestReconcileDecider {
    static final long NOW = 1_000_000;

    record Case(List<FileBlock> meta, List<StoredBlock> local, List<String> ring, String self, LiveGenerations live) {
        Placement placement() { return new Placement(ring); }

        List<ReconcileAction> decide() throws RingFsException {
            return new ReconcileDecider(placement(), self, live).decide(meta, local);
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
                Arbitraries.longs().between(1, 6), Arbitraries.of(10, 20), Arbitraries.of(1, 2),
                Arbitraries.of(0L, NOW / 2, NOW))
                .as((inode, index, gen, len, crc, at) -> new StoredBlock(new BlockKey(inode, index, gen), len, crc, at));
        Arbitrary<List<StoredBlock>> local = copy.list().ofMaxSize(20).uniqueElements(StoredBlock::key)
                .map(l -> l.stream().sorted(Comparator.comparing(StoredBlock::key)).toList());
        Arbitrary<List<String>> ring = Arbitraries.integers().between(3, 6)
                .map(n -> IntStream.range(0, n).mapToObj(i -> "s" + i).toList());
        // Meta handed out generations below next (1..6); some of them to sessions still alive.
        Arbitrary<LiveGenerations> live = Combinators.combine(Arbitraries.longs().between(1, 6),
                        Arbitraries.longs().between(1, 6).set().ofMaxSize(3))
                .as((next, alive) -> new LiveGenerations(next, alive.stream().filter(g -> g < next).sorted()
                        .map(g -> new GenerationRange(g, g + 1)).toList()));
        return Combinators.combine(meta, local, ring, Arbitraries.integers().between(0, 5), live)
                .as((m, l, r, self, g) -> new Case(m, l, r, r.get(self % r.size()), g));
    }

    static boolean matches(StoredBlock c, FileBlock m) {
        return c.key().equals(m.key()) && c.length() == m.block().length() && c.crc32c() == m.block().crc32c();
    }

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
            boolean held = c.local().stream().anyMatch(l -> matches(l, m));
            if (p.holds(c.self(), m.inode(), m.block().index()) && !held) expected.add(m.key());
        }
        List<BlockKey> fetched = c.decide().stream().filter(a -> a instanceof ReconcileAction.Fetch)
                .map(a -> ((ReconcileAction.Fetch) a).block().key()).toList();
        assertThat(fetched).doesNotHaveDuplicates();
        assertThat(new HashSet<>(fetched)).isEqualTo(expected);
    }

    @Property(tries = 600)
    void deletesOnlyWhatMetasRecordsSayIsDeadAndMisplacedCopiesOnlyOnceReplicated(@ForAll("cases") Case c)
            throws Exception {
        Placement p = c.placement();
        Map<List<Long>, FileBlock> meta = byBlock(c.meta());
        Map<BlockKey, ReconcileAction> actionByCopy = new HashMap<>();
        for (ReconcileAction a : c.decide()) {
            StoredBlock copy = a instanceof ReconcileAction.Delete d ? d.copy()
                    : a instanceof ReconcileAction.DeleteIfReplicated r ? r.copy()
                    : a instanceof ReconcileAction.Keep k ? k.copy() : null;
            if (copy != null) assertThat(actionByCopy.put(copy.key(), a)).as("one action per copy").isNull();
        }
        for (StoredBlock l : c.local()) {
            FileBlock m = meta.get(List.of(l.key().inode(), l.key().index()));
            long gen = l.key().generation();
            boolean placed = p.holds(c.self(), l.key().inode(), l.key().index());
            boolean current = m != null && m.block().generation() == gen;
            boolean intact = m != null && matches(l, m);
            boolean superseded = m != null && gen < m.block().generation();
            boolean uncommitted = m == null || gen > m.block().generation();
            ReconcileAction a = actionByCopy.get(l.key());
            if (superseded) {
                assertThat(a).as("superseded, deleted: %s", l).isInstanceOf(ReconcileAction.Delete.class);
            } else if (intact && placed) {
                assertThat(a).as("ours and good, kept: %s", l).isNull();
            } else if (intact) {
                assertThat(a).as("misplaced: %s", l).isInstanceOf(ReconcileAction.DeleteIfReplicated.class);
                assertThat(((ReconcileAction.DeleteIfReplicated) a).targets())
                        .isEqualTo(p.targets(l.key().inode(), l.key().index())).doesNotContain(c.self());
            } else if (current) {
                // The committed generation with other bytes: ours is replaced by a fetch, another's goes.
                if (placed) assertThat(a).as("replaced by the fetch: %s", l).isNull();
                else assertThat(a).as("wrong bytes: %s", l).isInstanceOf(ReconcileAction.Delete.class);
            } else if (uncommitted && gen < c.live().nextGeneration()
                    && c.live().live().stream().noneMatch(r -> r.contains(gen))) {
                assertThat(a).as("its session ended: %s", l).isInstanceOf(ReconcileAction.Delete.class);
            } else {
                assertThat(a).as("pending or unknown to meta, kept at any age: %s", l).isInstanceOf(ReconcileAction.Keep.class);
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
        new ReconcileDecider(c.placement(), c.self(), c.live())
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
