package org.ringfs.cli;

import org.ringfs.client.AttributeCache;
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

    @Option(names = "--attr-cache", paramLabel = "SECONDS", converter = AttrCacheConverter.class,
            description = "How long stat may answer from this client's attribute cache; this client's own changes"
                    + " are seen at once, other clients' within this time; 0 turns it off (default: 1 for file"
                    + " commands, 0 for mount, whose kernel caches attributes itself, and for webdav).")
    Duration attrCache;

    /** The settings, with the attribute cache of the command's line or else {@link AttributeCache#DEFAULT_TTL}. */
    public ClientSettings settings() throws IOException {
        return settings(AttributeCache.DEFAULT_TTL);
    }

    /** The settings, with the attribute cache of the command's line or else {@code attributeTtl}. */
    public ClientSettings settings(Duration attributeTtl) throws IOException {
        ClientSettings s = ClientSettings.defaults(cluster.metaAddress()).withSecret(cluster.secret())
                .withTls(cluster.tls()).withAttributeTtl(attrCache != null ? attrCache : attributeTtl);
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

    /** The attribute cache time given on the command line, or null. */
    public Duration attrCache() { return attrCache; }

    /** {@code --attr-cache SECONDS}: a decimal number of seconds, 0 or more. */
    public static final class AttrCacheConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                double seconds = Double.parseDouble(value);
                if (!(seconds >= 0) || seconds > 86_400) {
                    throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not 0 to 86400 seconds");
                }
                return Duration.ofNanos(Math.round(seconds * 1e9));
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a number of seconds");
            }
        }
    }

    /** A file system client for these options; the caller closes it. */
    public RingFsClient connect() throws IOException {
        return new RingFsClient(settings());
    }
}
