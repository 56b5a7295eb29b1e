package org.ringfs.cli.local;

import org.ringfs.security.RequestSigner;
import org.ringfs.cli.VerboseOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ringfs start NAME}: reruns a stopped server's saved command and waits until it serves. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start one stopped server of the local cluster again, on its store and port.")
public final class StartCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "data-K, meta or webdav.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterDirectory.DEFAULT,
            description = "Directory of the cluster (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for it to come up (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try {
            ClusterDirectory.checkServerName(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ClusterDirectory cluster = new ClusterDirectory(dir);
        String metaAddress = cluster.properties().metaAddress();
        var running = cluster.running(name);
        if (running.isPresent()) {
            throw new LocalClusterException(name + " is already running (pid " + running.get().pid() + ")");
        }
        ServerLauncher launcher = new ServerLauncher(cluster);
        ClusterReadiness readiness = new ClusterReadiness(launcher, cluster.secret().map(RequestSigner::new).orElse(null));
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        ProcessHandle p = launcher.launch(name, cluster.command(name));
        int port;
        try {
            port = launcher.awaitPort(name, p, timeout);
            if (ClusterDirectory.isDataServer(name)) {
                readiness.awaitDataServers(metaAddress, Map.of(name, port), Map.of(name, p), timeout);
            } else if (ClusterDirectory.META.equals(name)) {
                readiness.awaitMeta(metaAddress, p, timeout);
            }
        } catch (IOException | RuntimeException e) {
            // Half started is worse than stopped: `start` can be run again from a clean state.
            ServerStopper.kill(p);
            cluster.removePid(name);
            throw e;
        }
        spec.commandLine().getOut().println("started " + name + " (pid " + p.pid() + ") at "
                + ServerLauncher.HOST + ":" + port);
        return 0;
    }
}
