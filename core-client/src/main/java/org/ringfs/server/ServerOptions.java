package org.ringfs.server;

import org.ringfs.security.ClusterSecret;
import org.ringfs.security.TlsStores;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The options every server command shares (a picocli mixin): where it listens, the cluster secret
 * it checks, and the keystore it serves https with. A command passes its default address:
 * {@code @Mixin ServerOptions server = new ServerOptions("127.0.0.1:7000")}.
 */
public final class ServerOptions {
    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Address to serve on; port 0 picks a free one (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The cluster secret (mode 0600): only requests signed with it are served. Without it the server is open.")
    Path secretFile;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve https with the key and certificate in this PKCS12 or JKS keystore.")
    Path keystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "The keystore's password (a file of mode 0600).")
    Path keystorePasswordFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** @param defaultListen HOST:PORT when --listen is not given */
    public ServerOptions(String defaultListen) {
        this.listen = defaultListen;
    }

    /** The --listen host; a usage error when --listen is not HOST:PORT. */
    public String host() {
        return listen.substring(0, colon());
    }

    /** The --listen port (0: any free one); a usage error when --listen is not HOST:PORT. */
    public int port() {
        int colon = colon();
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // the usage error below says what was wrong
        }
        throw usage();
    }

    /** The secret of --secret-file; null without one (an open server). */
    public ClusterSecret secret() throws IOException {
        return secretFile == null ? null : ClusterSecret.load(secretFile);
    }

    /** The keystore of --tls-keystore with its password; null for plain http. */
    public TlsStores.StoreFile keystore() throws IOException {
        return keystore == null ? null : TlsStores.storeFile(keystore, keystorePasswordFile);
    }

    private int colon() {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) throw usage();
        return colon;
    }

    private ParameterException usage() {
        return new ParameterException(command.commandLine(), "--listen wants HOST:PORT, got " + listen);
    }
}
