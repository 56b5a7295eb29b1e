package org.ringfs.client;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream's buffer starts small and grows to a block: whatever mix of single bytes, arrays
 * (smaller than the first buffer, between it and a block, larger than a block) and flushes, the
 * file holds exactly the bytes written, in order.
 */
class RingFsOutputStreamTest {
    static final int BLOCK = 256 * 1024; // four times the first buffer

    /**
     * {@code length} 0: one byte through write(int); -1: a flush; -2: an array that ends the stream
     * exactly on a multiple of the first buffer's size (where a buffer is just full).
     */
    record Piece(int length) {}

    @Property(tries = 100)
    void theFileHoldsExactlyWhatWasWritten(@ForAll("pieces") List<Piece> pieces, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        try (FakeCluster cluster = new FakeCluster(3, BLOCK)) {
            RingFsClient fs = cluster.client();
            try (OutputStream out = fs.openOutput("/f", false, 0, 0)) {
                for (Piece p : pieces) {
                    int length = p.length() == -2
                            ? RingFsOutputStream.FIRST_BUFFER - model.size() % RingFsOutputStream.FIRST_BUFFER : p.length();
                    if (length < 0) {
                        out.flush();
                    } else if (length == 0) {
                        int b = random.nextInt(256);
                        out.write(b);
                        model.write(b);
                    } else {
                        byte[] bytes = new byte[length + 3];
                        random.nextBytes(bytes);
                        out.write(bytes, 3, length);
                        model.write(bytes, 3, length);
                    }
                }
            }
            try (InputStream in = fs.openInput("/f")) {
                assertThat(in.readAllBytes()).isEqualTo(model.toByteArray());
            }
        }
    }

    @Provide
    Arbitrary<List<Piece>> pieces() {
        Arbitrary<Piece> piece = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 0)),
                Tuple.of(4, Arbitraries.integers().between(1, 20_000)),
                Tuple.of(2, Arbitraries.integers().between(60_000, 200_000)),
                Tuple.of(1, Arbitraries.integers().between(BLOCK - 10, BLOCK + 70_000)),
                Tuple.of(1, Arbitraries.integers().between(-1, -1)),
                Tuple.of(3, Arbitraries.integers().between(-2, -2))).map(Piece::new);
        return piece.list().ofMaxSize(25);
    }
}
