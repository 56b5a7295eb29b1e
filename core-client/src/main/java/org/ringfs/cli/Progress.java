package org.ringfs.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.temporal.ChronoUnit;

/**
 * The progress of a long command ({@code put}, {@code get}, {@code fsck}): the one place that decides
 * whether a bar is shown and how it looks. A real bar (rate, and an ETA when the total is known) is
 * drawn on stderr only when stderr is a terminal and {@code --quiet} is not given; otherwise this
 * only counts, and prints nothing. stdout is never touched, so {@code ringfs get FILE -} stays exact.
 */
public final class Progress implements AutoCloseable {
    /** The total when it is not known (stdin, fsck): the bar is a counter with a rate and no ETA. */
    public static final long UNKNOWN = -1;
    private static final int DEFAULT_WIDTH = 80;
    private static final long MIB = 1L << 20;

    private final ProgressBar bar;
    private final LineEnder consumer;
    private long done;

    private Progress(ProgressBar bar, LineEnder consumer) {
        this.bar = bar;
        this.consumer = consumer;
    }

    /** Bytes copied of {@code total} (or {@link #UNKNOWN}), in MiB with a rate. */
    public static Progress bytes(String task, long total, QuietOption quiet) {
        return choose(task, total, "MiB", MIB, quiet.quiet(), stderrIsTerminal(), System.err, terminalWidth());
    }

    /** Things ({@code unit}, e.g. blocks) done of {@code total} (or {@link #UNKNOWN}), with a rate. */
    public static Progress count(String task, long total, String unit, QuietOption quiet) {
        return choose(task, total, " " + unit, 1, quiet.quiet(), stderrIsTerminal(), System.err, terminalWidth());
    }

    /** Whether a bar would be drawn here: stderr is a terminal and {@code --quiet} was not given. */
    public static boolean showsOnThisTerminal(QuietOption quiet) {
        return !quiet.quiet() && stderrIsTerminal();
    }

    /** The policy, with the terminal, the stream and its width given (tests pass their own). */
    public static Progress choose(String task, long total, String unit, long unitSize, boolean quiet, boolean terminal,
                           PrintStream err, int width) {
        if (quiet || !terminal) return new Progress(null, null);
        LineEnder consumer = new LineEnder(err, width - 1);
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(unit, unitSize).showSpeed(new DecimalFormat("0.0"))
                .setSpeedUnit(ChronoUnit.SECONDS).setUpdateIntervalMillis(250)
                .setConsumer(consumer);
        if (total < 0) b.hideEta();
        return new Progress(b.build(), consumer);
    }

    /** Adds {@code n} to what is done. */
    public void stepBy(long n) {
        done += n;
        if (bar != null) bar.stepBy(n);
    }

    /** Sets what is done to {@code n} (a figure read from elsewhere, such as a drain's count). */
    public void stepTo(long n) {
        done = n;
        if (bar != null) bar.stepTo(n);
    }

    /** A new total, when it was unknown or grew ({@link #UNKNOWN} stays allowed). */
    public void total(long total) {
        if (bar != null) bar.maxHint(total);
    }

    /** Names what is being done now, beside the bar (a bench's current workload). */
    public void doing(String what) {
        if (bar != null) bar.setExtraMessage(" " + what);
    }

    /** Adds one. */
    public void step() {
        stepBy(1);
    }

    /** What was counted so far. */
    public long done() {
        return done;
    }

    /** Whether a bar is drawn. */
    public boolean showing() {
        return bar != null;
    }

    /** What the bar itself shows as done; equal to {@link #done()} when a bar is drawn, -1 when none is. */
    public long shown() {
        return bar != null ? bar.getCurrent() : -1;
    }

    /** Draws the bar a last time and ends its line. */
    @Override
    public void close() {
        if (bar == null) return;
        bar.close();
        // progressbar 0.10.2 skips its consumer's close (the line's end) when the bar closes before
        // its first scheduled redraw, and the next output would follow on the bar's line.
        if (!consumer.closed) consumer.close();
    }

    /** The console consumer, remembering whether the bar ended its line. */
    private static final class LineEnder extends ConsoleProgressBarConsumer {
        volatile boolean closed;

        LineEnder(PrintStream out, int width) {
            super(out, width);
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }

    /**
     * Whether stderr is a terminal. On Linux /proc says what descriptor 2 is; elsewhere the console
     * (stdin and stdout a terminal) stands for it.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /** $COLUMNS when the shell exports it, else 80 columns (the bar trims itself to fit). */
    private static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return columns >= 20 ? columns : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }
}
