package org.ringfs.cli.files;

import org.junit.jupiter.api.Test;
import org.ringfs.cli.Progress;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** put's and get's copy: what the bar counts is what was copied, and the bar never touches the copy. */
class StreamCopyTest {
    private static final long MIB = 1 << 20;

    private static byte[] data(int size) {
        byte[] b = new byte[size];
        new Random(14).nextBytes(b);
        return b;
    }

    @Test
    void theBarCountsEveryByteCopiedAndWritesOnlyToItsOwnStream() throws Exception {
        byte[] source = data((int) (3 * MIB + MIB / 2 + 17));
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long copied;
        try (Progress p = Progress.choose("get /f", source.length, "MiB", MIB, false, true, new PrintStream(err), 80)) {
            copied = StreamCopy.copy(new ByteArrayInputStream(source), copy, p);
            assertThat(p.showing()).isTrue();
            assertThat(p.done()).isEqualTo(copied);
            assertThat(p.shown()).isEqualTo(copied);
        }
        assertThat(copied).isEqualTo(source.length);
        assertThat(copy.toByteArray()).isEqualTo(source);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("get /f").contains("100%").contains("MiB");
    }

    @Test
    void stdinOfUnknownSizeIsCountedWithoutATotal() throws Exception {
        byte[] source = data((int) (2 * MIB + 5));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Progress p = Progress.choose("put /f", Progress.UNKNOWN, "MiB", MIB, false, true, new PrintStream(err), 80)) {
            long copied = StreamCopy.copy(new ByteArrayInputStream(source), new ByteArrayOutputStream(), p);
            assertThat(copied).isEqualTo(source.length);
            assertThat(p.done()).isEqualTo(source.length);
            assertThat(p.shown()).isEqualTo(source.length);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("put /f").doesNotContain("100%");
    }

    @Test
    void quietCopiesTheSameBytesAndPrintsNothing() throws Exception {
        byte[] source = data((int) (MIB + 3));
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Progress p = Progress.choose("get /f", source.length, "MiB", MIB, true, true, new PrintStream(err), 80)) {
            assertThat(StreamCopy.copy(new ByteArrayInputStream(source), copy, p)).isEqualTo(source.length);
            assertThat(p.done()).isEqualTo(source.length);
        }
        assertThat(copy.toByteArray()).isEqualTo(source);
        assertThat(err.size()).isZero();
    }
}
