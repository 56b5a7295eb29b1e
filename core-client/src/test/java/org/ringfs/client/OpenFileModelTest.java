package org.ringfs.client;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.ringfs.repair.FsckReport;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes, appends, truncates, reads, flushes and reopens at random offsets against a byte array, on
 * an in-memory cluster with tiny blocks and a dirty limit of two (so write-behind and batched
 * commits happen all the time), with one data server going down and up between steps.
 */
class OpenFileModelTest {
    static final int BLOCK = 64;
    static final int MAX_SIZE = 10 * BLOCK;

    sealed interface Op permits Write, Append, Truncate, Read, Flush, Reopen, ToggleServer {}

    record Write(int position, int length, long seed) implements Op {}

    record Append(int length, long seed) implements Op {}

    record Truncate(int size) implements Op {}

    record Read(int position, int length) implements Op {}

    record Flush() implements Op {}

    record Reopen() implements Op {}

    /** Takes data server {@code server} down if none is, else brings the down one back. */
    record ToggleServer(int server) implements Op {}

    @Property(tries = 200)
    void aFileReadsAsItsModel(@ForAll("sequences") List<Op> ops) throws Exception {
        try (FakeCluster cluster = new FakeCluster(4, BLOCK)) {
            RingFsClient fs = cluster.client(new ClientSettings("fake:0", WritePolicy.QUORUM, Duration.ofSeconds(5),
                    Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 2));
            byte[] model = new byte[0];
            FakeDataServer down = null;
            OpenFile file = fs.create("/f", 0644, 0, 0, true);
            for (Op op : ops) {
                if (op instanceof Write w) {
                    byte[] bytes = bytes(w.length(), w.seed());
                    file.write(w.position(), bytes, 0, bytes.length);
                    model = Arrays.copyOf(model, Math.max(model.length, w.position() + w.length()));
                    System.arraycopy(bytes, 0, model, w.position(), bytes.length);
                } else if (op instanceof Append a) {
                    if (model.length + a.length() > MAX_SIZE) continue;
                    byte[] bytes = bytes(a.length(), a.seed());
                    assertThat(file.append(bytes, 0, bytes.length)).isEqualTo(model.length);
                    model = Arrays.copyOf(model, model.length + bytes.length);
                    System.arraycopy(bytes, 0, model, model.length - bytes.length, bytes.length);
                } else if (op instanceof Truncate t) {
                    file.truncate(t.size());
                    model = Arrays.copyOf(model, t.size());
                } else if (op instanceof Read r) {
                    // Into arrays holding other bytes: a hole or a block's end must be written as zeros.
                    byte[] got = garbage(r.length());
                    int n = file.read(r.position(), got, 0, got.length);
                    byte[] targeted = garbage(r.length() + 3);
                    int m = file.read(r.position(), r.length(), shiftedBy3(targeted));
                    assertThat(m).isEqualTo(n);
                    if (r.position() >= model.length) {
                        assertThat(n).isEqualTo(-1);
                    } else {
                        assertThat(n).isEqualTo(Math.min(r.length(), model.length - r.position()));
                        byte[] expected = Arrays.copyOfRange(model, r.position(), r.position() + n);
                        assertThat(Arrays.copyOf(got, n)).isEqualTo(expected);
                        assertThat(Arrays.copyOfRange(targeted, 3, 3 + n)).isEqualTo(expected);
                    }
                } else if (op instanceof Flush) {
                    file.flush();
                } else if (op instanceof Reopen) {
                    file.close();
                    file = fs.open("/f", false);
                } else if (op instanceof ToggleServer s) {
                    if (down == null) {
                        down = cluster.server("data-" + (1 + s.server() % 4));
                        down.setDown(true);
                    } else {
                        down.setDown(false);
                        down = null;
                    }
                }
                assertThat(file.size()).isEqualTo(model.length);
            }
            file.close();
            if (down != null) down.setDown(false);
            byte[] back = new byte[model.length];
            try (OpenFile again = cluster.client().open("/f", false)) {
                assertThat(again.read(0, back, 0, back.length)).isEqualTo(model.length == 0 ? -1 : model.length);
            }
            assertThat(back).isEqualTo(model);
            fs.fsck().repair();
            FsckReport after = fs.fsck().check();
            assertThat(after.findings()).allSatisfy(f -> assertThat(f.type()).isIn(org.ringfs.repair.FindingType.PENDING));
        }
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, MAX_SIZE - 2 * BLOCK);
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 2 * BLOCK);
        Arbitrary<Long> seed = Arbitraries.longs();
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(position, length, seed).as((p, l, s) -> (Op) new Write(p, l, s))),
                Tuple.of(2, Combinators.combine(length, seed).as((l, s) -> (Op) new Append(l, s))),
                Tuple.of(2, Arbitraries.integers().between(0, MAX_SIZE).map(s -> (Op) new Truncate(s))),
                Tuple.of(5, Combinators.combine(Arbitraries.integers().between(0, MAX_SIZE), length)
                        .as((p, l) -> (Op) new Read(p, l))),
                Tuple.of(1, Arbitraries.just(new Flush())),
                Tuple.of(1, Arbitraries.just(new Reopen())),
                Tuple.of(1, Arbitraries.integers().between(0, 3).map(s -> (Op) new ToggleServer(s))));
        return op.list().ofMaxSize(30);
    }

    private static byte[] garbage(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 0x5a);
        return b;
    }

    /** A read target writing into {@code array} from index 3 on, as a caller's own memory would take it. */
    private static ReadTarget shiftedBy3(byte[] array) {
        return new ReadTarget() {
            @Override
            public void put(int at, byte[] src, int srcOffset, int length) {
                System.arraycopy(src, srcOffset, array, 3 + at, length);
            }

            @Override
            public void zero(int at, int length) {
                Arrays.fill(array, 3 + at, 3 + at + length, (byte) 0);
            }
        };
    }
}
