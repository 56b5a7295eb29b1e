package org.ringfs.cli.local;

import org.ringfs.cli.VerboseOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ringfs crash NAME}: SIGKILL one server, as a power cut would stop it. */
@Command(name = "crash", mixinStandardHelpOptions = true,
        description = "Kill one server of the local cluster with SIGKILL (no clean shutdown).")
public final class CrashCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "data-K, meta-K (a meta group's member), meta, webdav or mount.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterDirectory.DEFAULT,
            description = "Directory of the cluster (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ClusterDirectory cluster = new ClusterDirectory(dir);
        try {
            ClusterDirectory.checkServerName(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ProcessHandle p = cluster.running(name)
                .orElseThrow(() -> new LocalClusterException(name + " is not running in " + cluster.root()));
        ServerStopper.kill(p);
        cluster.removePid(name);
        spec.commandLine().getOut().println("crashed " + name + " (pid " + p.pid() + ", SIGKILL)");
        return 0;
    }
}
