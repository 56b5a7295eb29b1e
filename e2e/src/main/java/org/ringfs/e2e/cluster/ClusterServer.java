package org.ringfs.e2e.cluster;

import java.io.IOException;

/** One server of a {@link MiniRingFsCluster}, however it runs; it keeps its name, directory and port across restarts. */
interface ClusterServer {

    String name();

    /** The port it listens on, chosen before its first start. */
    int port();

    /** Starts it and returns once it listens. */
    void start() throws IOException;

    /** Stops it without a clean shutdown: SIGKILL for a process. */
    void crash();

    /** Stops it cleanly. */
    void stop();

    boolean isRunning();
}
