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
import org.ringfs.api.ClusterMap;
import org.ringfs.api.FileBlock;
import org.ringfs.api.GenerationRange;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.RingEpoch;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.api.ServerVitals;
import org.ringfs.api.StoredBlock;
import org.junit.jupiter.api.Test;
import org.ringfs.placement.Placement;
import org.ringfs.repair.CopyVerdict;

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
 * copies and rings: a copy goes only on meta's positive record, never for being unknown or old,
 * and a current copy off its targets only once meta recorded its block as moved to the current ring.
 */
class TestReconcileDecider {
    static final long NOW = 1_000_000;
    /** The ring's epoch in these cases; a block recording an earlier one (or none) has not moved to it. */
    static final long EPOCH = 2;

    /** A cluster map of {@code ring} at {@link #EPOCH}, whose placement dates from that epoch. */
    static ClusterMap map(List<String> ring) {
        List<ServerInfo> servers = ring.stream()
                .map(n -> new ServerInfo(n, n, true, 0, new ServerVitals(0, 0, 0, 0, false, 0, 0, 0), false, 0)).toList();
        return new ClusterMap(EPOCH, 1024, servers, 0, "test", true, "", List.of(new RingEpoch(EPOCH, ring)));
    }

    record Case(List<FileBlock> meta, List<StoredBlock> local, List<String> ring, String self, LiveGenerations live) {
        Placement placement() { return new Placement(ring); }

        ReconcileDecider decider() { return new ReconcileDecider(placement(), map(ring), self, live); }

        List<ReconcileAction> decide() throws RingFsException {
            return decider().decide(meta, local);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<FileBlock> block = Combinators.combine(Arbitraries.longs().between(1, 4), Arbitraries.longs().between(0, 5),
                Arbitraries.longs().between(1, 3), Arbitraries.of(10, 20), Arbitraries.of(1, 2),
                Arbitraries.of(BlockInfo.UNKNOWN_EPOCH, EPOCH - 1, EPOCH))
                .as((inode, index, gen, len, crc, epoch) -> new FileBlock(inode, new BlockInfo(index, gen, len, crc, epoch)));
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
                        .map(g -> new GenerationRange(g, g + 1)).toList(), 0));
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
                    : a instanceof ReconcileAction.Misplaced r ? r.copy()
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
                assertThat(a).as("misplaced: %s", l).isInstanceOf(ReconcileAction.Misplaced.class);
                ReconcileAction.Misplaced misplaced = (ReconcileAction.Misplaced) a;
                assertThat(misplaced.targets())
                        .isEqualTo(p.targets(l.key().inode(), l.key().index())).doesNotContain(c.self());
                assertThat(misplaced.verdict()).as("moved only when meta recorded the block under the current ring")
                        .isEqualTo(m.block().epoch() == EPOCH ? CopyVerdict.MOVED : CopyVerdict.MISPLACED);
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
        c.decider().decide(pages(c.meta(), pageSize), pages(c.local(), pageSize), paged::add);
        assertThat(paged).isEqualTo(c.decide());
    }

    @Test
    void aCopyOffItsTargetsIsKeptWhileItsBlockRecordsAnEpochBeforeTheCurrentRing() throws Exception {
        List<String> ring = List.of("s0", "s1", "s2", "s3");
        Placement placement = new Placement(ring);
        long inode = 7;
        String outsider = ring.stream().filter(s -> !placement.holds(s, inode, 0)).findFirst().orElseThrow();
        StoredBlock copy = new StoredBlock(new BlockKey(inode, 0, 3), 10, 1, NOW);
        LiveGenerations live = new LiveGenerations(4, List.of(), 0);
        ReconcileDecider decider = new ReconcileDecider(placement, map(ring), outsider, live);

        for (long epoch : new long[] {EPOCH - 1, BlockInfo.UNKNOWN_EPOCH}) {
            FileBlock notMoved = new FileBlock(inode, new BlockInfo(0, 3, 10, 1, epoch));
            assertThat(decider.decide(List.of(notMoved), List.of(copy)))
                    .as("block recorded under epoch %d: the copy stays", epoch)
                    .containsExactly(new ReconcileAction.Misplaced(copy, notMoved, placement.targets(inode, 0),
                            CopyVerdict.MISPLACED));
            assertThat(CopyVerdict.MISPLACED.mayDelete()).isFalse();
        }
        FileBlock moved = new FileBlock(inode, new BlockInfo(0, 3, 10, 1, EPOCH));
        assertThat(decider.decide(List.of(moved), List.of(copy))).containsExactly(
                new ReconcileAction.Misplaced(copy, moved, placement.targets(inode, 0), CopyVerdict.MOVED));
    }

    /** Pages of {@code size} items, each fetched after the last item of the previous one. */
    static <T> SortedSource<T> pages(List<T> items, int size) {
        return new PagedSource<>(last -> {
            int from = last == null ? 0 : items.indexOf(last) + 1;
            return items.subList(from, Math.min(items.size(), from + size));
        });
    }
}
