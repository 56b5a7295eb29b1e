package org.ringfs.cli.admin;

import org.ringfs.cli.ClientOptions;
import org.ringfs.cli.FailureReporter;
import org.ringfs.cli.Progress;
import org.ringfs.cli.QuietOption;
import org.ringfs.cli.VerboseOption;
import org.ringfs.client.RingFsClient;
import org.ringfs.repair.FindingType;
import org.ringfs.repair.Fsck;
import org.ringfs.repair.FsckFinding;
import org.ringfs.repair.FsckReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ringfs fsck [--repair]}: checks every copy of every block against meta and prints the
 * counts. Exit 0 only when clean; with --repair, when a second pass after the repair is clean.
 */
@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = "Check every copy of every block; exit 0 only when the cluster is clean.")
public final class FsckCommand implements Callable<Integer> {
    /** The types every report prints, found or not, so scripts can read fixed fields. */
    private static final List<FindingType> ALWAYS_SHOWN = List.of(FindingType.CORRUPT, FindingType.STALE,
            FindingType.MISSING, FindingType.MISPLACED, FindingType.ORPHANED, FindingType.FREED);

    @Option(names = "--repair", description = "Rewrite bad copies from good ones, delete orphaned and misplaced ones, then check again.")
    boolean repair;

    @Option(names = "--findings", paramLabel = "N", defaultValue = "20",
            description = "Print at most N findings (default: ${DEFAULT-VALUE}).")
    int maxFindings;

    @Mixin
    ClientOptions client;

    @Mixin
    VerboseOption verbose;

    @Mixin
    QuietOption quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (RingFsClient fs = client.connect()) {
            Fsck fsck = fs.fsck();
            FsckReport report = pass(fsck, repair);
            print(out, repair ? "repair" : "check", report);
            if (repair) {
                report = pass(fsck, false);
                print(out, "check after repair", report);
            }
            out.println(report.clean() ? "clean" : "NOT clean");
            out.flush();
            return report.clean() ? 0 : FailureReporter.FAILED;
        }
    }

    /** One pass over every block, with a count of the blocks checked on a terminal (meta gives no total up front). */
    private FsckReport pass(Fsck fsck, boolean repairing) throws IOException {
        try (Progress progress = Progress.count(repairing ? "fsck repair" : "fsck check", Progress.UNKNOWN, "blocks", quiet)) {
            return repairing ? fsck.repair(progress::step) : fsck.check(progress::step);
        }
    }

    private void print(PrintWriter out, String pass, FsckReport report) {
        StringBuilder counts = new StringBuilder(pass + ": " + report.blocks() + " blocks, ok " + report.ok());
        for (FindingType t : FindingType.values()) {
            if (ALWAYS_SHOWN.contains(t) || report.count(t) > 0) {
                counts.append(", ").append(t.name().toLowerCase(Locale.ROOT)).append(' ').append(report.count(t));
            }
        }
        if (report.repaired() > 0) counts.append(", repaired ").append(report.repaired());
        if (report.changed() > 0) counts.append(", changed during the check ").append(report.changed());
        out.println(counts);
        List<FsckFinding> findings = report.findings();
        findings.stream().limit(maxFindings).forEach(f -> out.println("  " + f));
        if (findings.size() > maxFindings) out.println("  ... and " + (findings.size() - maxFindings) + " more");
    }
}
