package org.ringfs.e2e.cluster;

import org.ringfs.cli.local.ServerLauncher;
import org.ringfs.cli.local.ServerStopper;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A server as its own OS process, launched as `ringfs up` launches it: `org.ringfs.cli.Main <role> ...`. */
final class ProcessServer implements ClusterServer {
    private final String name;
    private final int port;
    private volatile List<String> roleArgs;
    private final ServerLauncher launcher;
    private final Duration startTimeout;
    private volatile ProcessHandle process;

    ProcessServer(String name, int port, List<String> roleArgs, ServerLauncher launcher, Duration startTimeout) {
        this.name = name;
        this.port = port;
        this.roleArgs = List.copyOf(roleArgs);
        this.launcher = launcher;
        this.startTimeout = startTimeout;
    }

    @Override
    public String name() { return name; }

    /** The arguments of its next start (a meta member names other helpers once its group is founded). */
    void roleArgs(List<String> args) { this.roleArgs = List.copyOf(args); }

    @Override
    public int port() { return port; }

    @Override
    public void start() throws IOException {
        if (isRunning()) throw new IllegalStateException(name + " is already running");
        process = launcher.launch(name, ServerLauncher.javaCommand(roleArgs));
        try {
            launcher.awaitPort(name, process, startTimeout);
        } catch (IOException e) {
            crash();
            throw e;
        }
    }

    @Override
    public void crash() {
        ProcessHandle p = process;
        if (p != null) ServerStopper.kill(p);
    }

    @Override
    public void stop() {
        ProcessHandle p = process;
        if (p != null) ServerStopper.stop(List.of(p), ServerStopper.GRACE);
    }

    /** Its process now (null before its first start). */
    ProcessHandle handle() { return process; }

    @Override
    public boolean isRunning() {
        ProcessHandle p = process;
        return p != null && p.isAlive();
    }
}
