package org.ringfs.e2e.bench;

import org.ringfs.cli.QuietOption;
import org.ringfs.cli.RoleCommand;
import org.ringfs.cli.VerboseOption;
import org.ringfs.client.AttributeCache;
import org.ringfs.client.ClientSettings;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.bench.profile.CpuLedger;
import org.ringfs.e2e.bench.profile.Profiler;
import org.ringfs.e2e.bench.profile.WorkloadObserver;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.security.ClusterSecret;
import org.ringfs.transport.MetaAddresses;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ringfs bench}: RingFS's figures on every access path, each against a reference measured
 * in the same invocation (the local disk, or core-client for the fronts), judged against issue 5's and issue 13's
 * targets. Starts its own cluster of processes (5 data servers, 1 MiB blocks) unless --meta.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures RingFS against the local disk: large and small files, stat, list, rename,",
                "degraded read, rebuild and memory, through core-client, the FUSE mount and WebDAV.",
                "Prints 'name: median (min-max) unit' per figure and a table of ratios and targets."})
public final class BenchCommand implements RoleCommand {
    static final int DATA_SERVERS = 5;
    static final int BLOCK_SIZE = 1 << 20;
    private static final List<String> ALL_PATHS = List.of("client", "fuse", "webdav");

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "1G", converter = SizeConverter.class,
            description = "Size of the large file (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--files", paramLabel = "N", defaultValue = "2000", description = "Small files (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs of every workload (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "Threads sharing the small-file workloads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--git-files", paramLabel = "N", defaultValue = "3000",
            description = "Files of the repository `git clone` + `git fsck --full` runs on, on the FUSE mount and on the"
                    + " local disk (default: ${DEFAULT-VALUE}; 0 for none).")
    int gitFiles;

    /** Under var/, which git ignores, like the local cluster's stores: a run leaves nothing untracked. */
    static final String DEFAULT_OUT = "var/bench/report.md";

    @Option(names = "--out", paramLabel = "FILE", defaultValue = DEFAULT_OUT,
            description = "Where to write the report; the chart goes beside it as .svg (default: ${DEFAULT-VALUE},"
                    + " which git ignores).")
    Path out;

    @Option(names = "--meta", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Measure this running cluster (its meta, or every member of its meta group) instead of starting one (no degraded read, rebuild or server memory).")
    String meta;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The secret of the cluster --meta names, when it runs closed.")
    Path secretFile;

    @Option(names = "--paths", paramLabel = "PATH[,PATH]", split = ",", defaultValue = "client,fuse,webdav",
            description = "Access paths to measure: client, fuse, webdav (default: ${DEFAULT-VALUE}).")
    List<String> paths;

    @Option(names = "--profile",
            description = "Record every process's CPU with JDK Flight Recorder and draw a flame graph per workload into"
                    + " a profile/ folder beside the report (with an index.md of where each workload's CPU went).")
    boolean profile;

    @Mixin
    VerboseOption verbose;

    @Mixin
    QuietOption quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchOptions options = options();
        // The WebDAV path's HttpURLConnections: one kept-alive connection per small-file thread (the
        // JDK keeps 5 per server unless told; read once, before the first connection).
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(Math.max(5, options.threads())));
        }
        try (Scratch scratchDir = Scratch.create()) {
            Path scratch = scratchDir.root();
            List<String> frontArgs = List.of();
            Figures figures = new Figures();
            PageCache pageCache = new PageCache();
            List<String> dataServers = new ArrayList<>();
            Path outFile = out.toAbsolutePath();
            Profiler profiler = profile ? Profiler.into(outFile.resolveSibling("profile")) : Profiler.off();
            CpuLedger cpu = new CpuLedger();
            WorkloadObserver watching = WorkloadObserver.around(profiler, cpu);
            say("bench: " + options.size() + " bytes large file, " + options.files() + " small files, " + options.runs()
                    + " runs, " + options.threads() + " threads; paths " + options.paths());
            if (meta == null) {
                say("bench: starting a cluster of " + DATA_SERVERS + " data servers (processes, " + BLOCK_SIZE
                        + "-byte blocks, quorum writes)");
                try (MiniRingFsCluster cluster = MiniRingFsCluster.builder().processes(true).dataServers(DATA_SERVERS)
                        .blockSize(BLOCK_SIZE).root(scratch.resolve("cluster")).build()) {
                    dataServers.addAll(cluster.dataServerNames());
                    RingFsClient fs = cluster.client(s -> ClientSettings.defaults(cluster.metaAddress())
                            .withAttributeTtl(AttributeCache.DEFAULT_TTL)); // as the CLI's
                    new BenchSession(options, figures, pageCache, scratch, cluster.metaAddress(), frontArgs, fs, cluster, quiet, watching).run();
                }
            } else {
                String metaAddress = String.join(",", MetaAddresses.parse(meta, "--meta"));
                say("bench: degraded read, rebuild and server memory need the bench's own cluster: skipped with --meta");
                if (secretFile != null) frontArgs = List.of("--secret-file", secretFile.toAbsolutePath().toString());
                ClientSettings settings = ClientSettings.defaults(metaAddress).withAttributeTtl(AttributeCache.DEFAULT_TTL);
                if (secretFile != null) settings = settings.withSecret(ClusterSecret.load(secretFile));
                try (RingFsClient fs = new RingFsClient(settings)) {
                    new BenchSession(options, figures, pageCache, scratch, metaAddress, frontArgs, fs, null, quiet, watching).run();
                }
            }
            report(figures, pageCache, dataServers, cpu);
            Path profiles = profiler.finish();
            if (profiles != null) say("profile: " + profiles.resolve("index.md") + " (a flame graph per workload beside it)");
        }
        return 0;
    }

    private BenchOptions options() {
        if (files < 1 || runs < 1 || threads < 1 || gitFiles < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--files, --runs and --threads must be at least 1, --git-files at least 0");
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String p : paths) {
            String name = p.trim();
            if (!ALL_PATHS.contains(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--paths: unknown path '" + name
                        + "'; known: " + ALL_PATHS);
            }
            chosen.add(name);
        }
        if (!chosen.contains("client")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--paths must include client: the fronts' figures are ratios of it");
        }
        return new BenchOptions(size, files, runs, threads, chosen, gitFiles);
    }

    private void report(Figures figures, PageCache pageCache, List<String> dataServers, CpuLedger cpu) throws IOException {
        BenchReport report = new BenchReport(figures, IssueTargets.all(pageCache.cold(), dataServers), cpu);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream both = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            report.printFigures(both);
            both.println();
            report.printTable(both);
            both.println();
            report.printCpu(both);
        }
        String printed = text.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        Path outFile = out.toAbsolutePath();
        Files.createDirectories(outFile.getParent());
        Files.writeString(outFile, printed, StandardCharsets.UTF_8);
        String base = outFile.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path chart = outFile.resolveSibling(base + ".svg");
        new ThroughputChart(figures).write(chart);
        System.out.println();
        System.out.println("report: " + outFile + "  chart: " + chart);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
