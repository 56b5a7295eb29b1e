package org.ringfs.cli.local;

import org.ringfs.cli.VerboseOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ringfs down}: SIGTERM every server of the local cluster, SIGKILL the stuck, remove pid files. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the local cluster in DIR.")
public final class DownCommand implements Callable<Integer> {

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
        PrintWriter out = spec.commandLine().getOut();
        Map<String, ProcessHandle> data = new LinkedHashMap<>();
        Map<String, ProcessHandle> meta = new LinkedHashMap<>(); // a single meta, or a meta group's members
        ProcessHandle webdav = null;
        ProcessHandle mount = null;
        for (String name : cluster.serverNames()) {
            var running = cluster.running(name);
            if (running.isEmpty()) continue;
            if (ClusterDirectory.isDataServer(name)) data.put(name, running.get());
            else if (ClusterDirectory.WEBDAV.equals(name)) webdav = running.get();
            else if (ClusterDirectory.MOUNT.equals(name)) mount = running.get();
            else meta.put(name, running.get());
        }
        // The fronts first (their clients get errors, not hangs; SIGTERM unmounts the mount
        // cleanly), then data servers, so none heartbeats into a meta that is gone.
        List<ProcessHandle> killed = new ArrayList<>();
        if (mount != null) killed.addAll(ServerStopper.stop(List.of(mount), ServerStopper.GRACE));
        if (webdav != null) killed.addAll(ServerStopper.stop(List.of(webdav), ServerStopper.GRACE));
        killed.addAll(ServerStopper.stop(data.values(), ServerStopper.GRACE));
        // A group's members stop together: each has every acknowledged commit (a majority wrote it).
        killed.addAll(ServerStopper.stop(meta.values(), ServerStopper.GRACE));
        for (String name : cluster.serverNames()) cluster.removePid(name);
        if (mount != null) out.println("unmounted (pid " + mount.pid() + (killed.contains(mount) ? ", killed" : "") + ")");
        if (webdav != null) out.println("stopped webdav (pid " + webdav.pid() + (killed.contains(webdav) ? ", killed" : "") + ")");
        data.forEach((name, p) -> out.println("stopped " + name + " (pid " + p.pid() + (killed.contains(p) ? ", killed" : "") + ")"));
        meta.forEach((name, p) -> out.println("stopped " + name + " (pid " + p.pid() + (killed.contains(p) ? ", killed" : "") + ")"));
        out.println(data.isEmpty() && meta.isEmpty() && webdav == null && mount == null
                ? "RingFS was not running in " + cluster.root()
                : "RingFS is down in " + cluster.root());
        return 0;
    }
}
