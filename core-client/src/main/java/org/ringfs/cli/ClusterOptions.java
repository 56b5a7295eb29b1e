package org.ringfs.cli;

import org.ringfs.cli.local.ClusterDirectory;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a client command finds the cluster: {@code --meta HOST:PORT}, or else the local cluster
 * that {@code ringfs up} recorded in DIR/cluster.properties (DIR is ./var unless {@code --dir}).
 */
public final class ClusterOptions {

    @Option(names = "--meta", paramLabel = "HOST:PORT",
            description = "The meta server. Default: the local cluster in --dir.")
    String meta;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterDirectory.DEFAULT,
            description = "Directory of the local cluster to use when --meta is not given (default: ${DEFAULT-VALUE}).")
    Path dir;

    /** host:port of meta; IOException when neither --meta nor a local cluster says. */
    public String metaAddress() throws IOException {
        if (meta != null) {
            ClusterDirectory.checkAddress(meta, "--meta");
            return meta;
        }
        return new ClusterDirectory(dir).properties().metaAddress();
    }
}
