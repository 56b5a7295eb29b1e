package org.ringfs.cli.admin;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.cli.ClusterOptions;
import org.ringfs.cli.Progress;
import org.ringfs.cli.QuietOption;
import org.ringfs.cli.VerboseOption;
import org.ringfs.transport.MetaClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code ringfs data retire NAME}: asks meta to retire a data server. Placement leaves it out at
 * once, the other servers fetch its share, it keeps serving reads and deletes nothing, and meta
 * takes it out of the ring once every copy it holds is verified on its new targets ({@code ringfs
 * status} shows the drain). A server that holds nothing (a mistyped {@code --name}) leaves at once.
 * On a terminal (or with {@code --wait}) the command follows the drain with a progress bar until the
 * server leaves the ring; an interrupt stops only the watching.
 */
@Command(name = "retire", mixinStandardHelpOptions = true,
        description = "Drain a data server and take it out of the ring (`ringfs status` shows the progress).")
public final class RetireCommand implements Callable<Integer> {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    @Parameters(index = "0", paramLabel = "NAME", description = "the data server to retire")
    String name;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    VerboseOption verbose;

    @Mixin
    QuietOption quiet;

    @Option(names = "--wait", negatable = true,
            description = "Follow the drain until the server leaves the ring (default: on a terminal, with a progress bar).")
    Boolean wait;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, RingFsException, InterruptedException {
        MetaClient meta = MetaClient.connect(cluster.metaAddress(), CALL_TIMEOUT, cluster.signer(), cluster.tls());
        ClusterMap map = meta.retire(name);
        PrintWriter out = spec.commandLine().getOut();
        ServerInfo s = map.server(name);
        if (s == null) {
            out.println(name + " left the ring (ring epoch " + map.epoch() + "): it held no copies; it may be stopped.");
            out.flush();
            return 0;
        }
        boolean follow = wait != null ? wait : Progress.showsOnThisTerminal(quiet);
        if (!follow) {
            out.println(name + " is retiring (ring epoch " + map.epoch() + "): the other servers fetch its copies;"
                    + " meta takes it out of the ring once each is verified on its targets. Keep it running until"
                    + " `ringfs status` no longer lists it.");
            out.flush();
            return 0;
        }
        out.println(name + " is retiring (ring epoch " + map.epoch() + "): following its drain until meta takes it out"
                + " of the ring (an interrupt stops the watching, not the retirement).");
        out.flush();
        DrainWatch.End end = new DrainWatch(meta::clusterMap, d -> Thread.sleep(d.toMillis()), LOOK_EVERY)
                .follow(name, total -> Progress.count("drain " + name, total, "copies", quiet));
        if (end == DrainWatch.End.LEFT_THE_RING) {
            out.println(name + " left the ring: every copy it held is verified on its targets; it may be stopped.");
            out.flush();
            return 0;
        }
        spec.commandLine().getErr().println(name + " is no longer retiring, and still in the ring.");
        return 1;
    }
}
