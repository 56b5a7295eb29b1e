package org.ringfs.data.server;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.RingFsException;
import org.ringfs.data.store.StaleTermException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meta terms as a property over random histories of heartbeat replies (of any term, granting or
 * not, of this cluster or another), delete orders of any term, lost heartbeats and restarts: an
 * order is obeyed only when its term is the newest this server's cluster ever showed it, and only
 * after a granting reply of that same term with nothing in between; the recorded term, on disk and
 * after a restart, is the newest one seen.
 */
class TestMetaTermProperties {
    sealed interface Step permits Beat, Order, Lost, Restart {}
    record Beat(long term, boolean grants, boolean ours) implements Step {}
    record Order(long term) implements Step {}
    record Lost() implements Step {}
    record Restart() implements Step {}

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Long> term = Arbitraries.longs().between(0, 5);
        Arbitrary<Step> beat = term.flatMap(t -> Arbitraries.of(true, false).flatMap(g ->
                Arbitraries.frequency(Tuple.of(8, true), Tuple.of(1, false)).map(ours -> (Step) new Beat(t, g, ours))));
        Arbitrary<Step> order = term.map(Order::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(Tuple.of(5, beat), Tuple.of(5, order),
                Tuple.of(1, Arbitraries.just(new Lost())), Tuple.of(1, Arbitraries.just(new Restart())));
        return step.list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void anOrderIsObeyedOnlyUnderTheNewestTermAndThatMastersGrant(@ForAll("histories") List<Step> history) throws Exception {
        Path dir = Files.createTempDirectory("meta-term");
        try {
            MetaAuthority a = new MetaAuthority(dir, "data-1", () -> 0);
            a.accept(new HeartbeatReply(1, false, "ours", true, 0)); // the cluster id is recorded at term 0
            long newest = 0;
            Beat lastBeat = new Beat(0, true, true); // the reply since which nothing else happened, or null
            for (Step s : history) {
                if (s instanceof Beat b) {
                    a.accept(new HeartbeatReply(1, false, b.ours() ? "ours" : "theirs", b.grants(), b.term()));
                    if (b.ours()) newest = Math.max(newest, b.term());
                    lastBeat = b;
                } else if (s instanceof Order o) {
                    boolean granted = lastBeat != null && lastBeat.ours() && lastBeat.grants() && lastBeat.term() == newest;
                    boolean obeyed = obeyed(a, o.term());
                    assertThat(obeyed).as("order of term %d after %s, newest %d", o.term(), lastBeat, newest)
                            .isEqualTo(granted && o.term() == newest);
                    if (granted && o.term() > newest) {
                        newest = o.term(); // raised by the order, which waits for that master's grant
                        lastBeat = null;
                    }
                } else if (s instanceof Lost) {
                    a.unreachable();
                    lastBeat = null;
                } else {
                    a = new MetaAuthority(dir, "data-1", () -> 0);
                    lastBeat = null;
                }
                assertThat(a.term()).isEqualTo(newest);
                assertThat(new MetaAuthority(dir, "data-1", () -> 0).term()).isEqualTo(newest);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static boolean obeyed(MetaAuthority a, long term) throws IOException {
        try {
            a.checkOrder(term);
            return true;
        } catch (StaleTermException e) {
            assertThat(e.orderTerm()).isEqualTo(term);
            assertThat(e.newestTerm()).isGreaterThan(term);
            return false;
        } catch (RingFsException e) {
            return false;
        }
    }
}
