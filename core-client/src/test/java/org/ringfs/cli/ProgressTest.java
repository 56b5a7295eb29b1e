package org.ringfs.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The bar policy: a bar only on a terminal without --quiet, and then on the stream it is given. */
class ProgressTest {

    private static QuietOption quiet(boolean on) {
        QuietOption q = new QuietOption();
        q.quiet = on;
        return q;
    }

    @Test
    void quietPrintsNothingEvenOnATerminal() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Progress p = Progress.choose("put /f", 1000, "MiB", 1 << 20, true, true, new PrintStream(err), 80)) {
            p.stepBy(600);
            p.stepBy(400);
            assertThat(p.showing()).isFalse();
            assertThat(p.done()).isEqualTo(1000);
        }
        assertThat(err.size()).isZero();
    }

    @Test
    void notATerminalPrintsNothing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Progress p = Progress.choose("fsck check", Progress.UNKNOWN, " blocks", 1, false, false, new PrintStream(err), 80)) {
            for (int i = 0; i < 5; i++) p.step();
            assertThat(p.showing()).isFalse();
            assertThat(p.done()).isEqualTo(5);
        }
        assertThat(err.size()).isZero();
    }

    @Test
    void testsRunWithoutATerminalSoTheCommandsFactoriesPrintNothing() {
        // Surefire's stderr is a pipe, as a script's or CI's is: the commands' own factories stay quiet.
        assertThat(Progress.stderrIsTerminal()).isFalse();
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            try (Progress bytes = Progress.bytes("get /f", 10, quiet(false));
                 Progress blocks = Progress.count("fsck check", Progress.UNKNOWN, "blocks", quiet(false))) {
                bytes.stepBy(10);
                blocks.step();
                assertThat(bytes.showing()).isFalse();
                assertThat(blocks.showing()).isFalse();
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(err.size()).isZero();
    }

    @org.junit.jupiter.api.RepeatedTest(20)
    void onATerminalTheBarGoesToStderrAndShowsWhatWasCounted() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Progress p = Progress.choose("fsck check", Progress.UNKNOWN, " blocks", 1, false, true, new PrintStream(err), 80)) {
            for (int i = 0; i < 1234; i++) p.step();
            assertThat(p.showing()).isTrue();
            assertThat(p.shown()).isEqualTo(1234).isEqualTo(p.done());
        }
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("fsck check").contains("1234").contains("blocks/s").endsWith(System.lineSeparator());
        // Even a bar closed before its first redraw ends its line once.
        assertThat(drawn.indexOf(System.lineSeparator())).isEqualTo(drawn.length() - System.lineSeparator().length());
        // Every redraw fits the width it was given.
        for (String line : drawn.split("[\r\n]+")) assertThat(line.length()).isLessThan(80);
    }
}
