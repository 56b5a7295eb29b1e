package org.ringfs.cli;

import org.ringfs.client.ClientSettings;
import org.ringfs.client.RingFsClient;
import org.ringfs.client.WritePolicy;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;

/** The options of a command that reads or writes files: the cluster, the write policy, the wait. */
public final class ClientOptions {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--write-policy", paramLabel = "all|quorum", converter = WritePolicyConverter.class,
            description = "Copies a write waits for: all three, or two of three (default: quorum).")
    WritePolicy writePolicy;

    @Option(names = "--wait", paramLabel = "SECONDS|forever", converter = WaitConverter.class,
            description = "How long a read or write waits while too few data servers are alive (default: 60).")
    Duration wait;

    public ClientSettings settings() throws IOException {
        ClientSettings s = ClientSettings.defaults(cluster.metaAddress()).withSecret(cluster.secret())
                .withTls(cluster.tls());
        if (writePolicy != null) s = s.withWritePolicy(writePolicy);
        if (wait != null) s = s.withReadWait(wait).withWriteWait(wait);
        return s;
    }

    public String metaAddress() throws IOException {
        return cluster.metaAddress();
    }

    /** The secret file in use (absolute), to pass to a process this one starts; null when none. */
    public Path secretFile() throws IOException {
        return cluster.secretFile();
    }

    /** The TLS options as given, to pass to a process this one starts. */
    public List<String> tlsArguments() {
        return cluster.tlsArguments();
    }

    /** A file system client for these options; the caller closes it. */
    public RingFsClient connect() throws IOException {
        return new RingFsClient(settings());
    }
}
