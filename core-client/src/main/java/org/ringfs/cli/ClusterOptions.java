package org.ringfs.cli;

import org.ringfs.cli.local.ClusterDirectory;
import org.ringfs.cli.local.LocalClusterException;
import org.ringfs.cli.local.LocalMetaMember;
import org.ringfs.cli.local.ServerLauncher;
import org.ringfs.cli.local.WebDavLauncher;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.RequestSigner;
import org.ringfs.security.TlsStores;
import org.ringfs.transport.MetaAddresses;

import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a client command finds the cluster: {@code --meta HOST:PORT} (a meta group's members as
 * {@code --meta A:PORT,B:PORT,C:PORT}), or else the local cluster that {@code ringfs up} recorded in
 * DIR/cluster.properties (DIR is ./var unless {@code --dir}; {@code meta.address} there may be such
 * a list too); and its secret: {@code --secret-file FILE}, or else the local cluster's.
 */
public final class ClusterOptions {

    @Option(names = "--meta", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "The meta server, or every member of a meta group (the client follows the master)."
                    + " Default: the local cluster in --dir.")
    String meta;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterDirectory.DEFAULT,
            description = "Directory of the local cluster to use when --meta is not given (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The cluster secret (mode 0600). Default: the local cluster's, when --meta is not given.")
    Path secretFile;

    @Option(names = "--tls-truststore", paramLabel = "FILE",
            description = "Speak https to the cluster, trusting the certificates in this PKCS12 or JKS truststore.")
    Path truststore;

    @Option(names = "--tls-truststore-password-file", paramLabel = "FILE",
            description = "The truststore's password (a file of mode 0600), if it has one.")
    Path truststorePasswordFile;

    /**
     * host:port of meta, or its members' as a comma-separated list (without spaces); IOException
     * when neither --meta nor a local cluster says, or the local cluster's is no such list.
     */
    public String metaAddress() throws IOException {
        if (meta != null) return String.join(",", MetaAddresses.parse(meta, "--meta"));
        ClusterDirectory local = new ClusterDirectory(dir);
        String recorded = local.properties().metaAddress();
        try {
            return String.join(",", MetaAddresses.parse(recorded, "meta.address"));
        } catch (IllegalArgumentException e) {
            throw new LocalClusterException(local.propertiesFile() + ": " + e.getMessage());
        }
    }

    /** The secret to sign with; null when none is given and the local cluster has none (or --meta names another). */
    public ClusterSecret secret() throws IOException {
        if (secretFile != null) return ClusterSecret.load(secretFile);
        if (meta != null) return null;
        return new ClusterDirectory(dir).secret().orElse(null);
    }

    /** A signer over {@link #secret()}, or null. */
    public RequestSigner signer() throws IOException {
        ClusterSecret s = secret();
        return s == null ? null : new RequestSigner(s);
    }

    /** The TLS trust to reach the cluster over https with; null for plain http. */
    public SSLContext tls() throws IOException {
        return truststore == null ? null : TlsStores.clientContext(TlsStores.storeFile(truststore, truststorePasswordFile));
    }

    /** The TLS options as given (absolute paths), to hand to a process this one starts. */
    public List<String> tlsArguments() {
        List<String> args = new ArrayList<>();
        if (truststore != null) args.addAll(List.of("--tls-truststore", truststore.toAbsolutePath().toString()));
        if (truststorePasswordFile != null) {
            args.addAll(List.of("--tls-truststore-password-file", truststorePasswordFile.toAbsolutePath().toString()));
        }
        return args;
    }

    /** The secret file in use, to hand to a process this one starts; null when none. */
    public Path secretFile() throws IOException {
        if (secretFile != null) return secretFile.toAbsolutePath();
        if (meta != null) return null;
        return new ClusterDirectory(dir).secretFileInUse().orElse(null);
    }

    /**
     * Where the local cluster's data server {@code name} listens (from its port file), for when meta
     * does not know it (a meta on another store never heard from it). Empty when --meta names
     * another cluster or the server never ran here.
     */
    public Optional<String> localDataServerAddress(String name) throws IOException {
        if (meta != null || !ClusterDirectory.isDataServer(name)) return Optional.empty();
        ClusterDirectory local = new ClusterDirectory(dir);
        if (!local.serverNames().contains(name)) return Optional.empty();
        var port = local.writtenPort(name);
        return port.isPresent() ? Optional.of(ServerLauncher.HOST + ":" + port.getAsLong()) : Optional.empty();
    }

    /**
     * The local cluster's meta group members' names by call address (cluster.properties), so a
     * status can name a member that is down; empty when --meta names another cluster or it runs one meta.
     */
    public Map<String, String> localMetaMemberNames() throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        if (meta != null) return names;
        ClusterDirectory local = new ClusterDirectory(dir);
        if (!local.hasProperties()) return names;
        for (LocalMetaMember m : local.properties().metaGroup()) names.put(m.callAddress(), m.name());
        return names;
    }

    /**
     * One line about the local cluster's WebDAV front ({@code ringfs up} serves it): its URL and
     * whether it runs. Empty when --meta names another cluster or the local one has no front.
     */
    public Optional<String> localWebDav() throws IOException {
        if (meta != null) return Optional.empty();
        ClusterDirectory local = new ClusterDirectory(dir);
        if (!local.serverNames().contains(ClusterDirectory.WEBDAV)) return Optional.empty();
        var port = local.writtenPort(ClusterDirectory.WEBDAV);
        String url = port.isPresent() ? WebDavLauncher.url((int) port.getAsLong()) : "(no port yet)";
        var running = local.running(ClusterDirectory.WEBDAV);
        return Optional.of("webdav " + url + (running.isPresent() ? " running (pid " + running.get().pid() + ")" : " NOT running")
                + (port.isPresent() ? "; cluster status page " + url + "?status" : ""));
    }
}
