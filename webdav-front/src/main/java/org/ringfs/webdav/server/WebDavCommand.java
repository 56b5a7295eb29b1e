package org.ringfs.webdav.server;

import org.ringfs.cli.ClientOptions;
import org.ringfs.cli.RoleCommand;
import org.ringfs.cli.VerboseOption;
import org.ringfs.cli.local.ClusterDirectory;
import org.ringfs.client.ClientSettings;
import org.ringfs.client.RingFsClient;
import org.ringfs.server.ServerProcess;
import org.ringfs.webdav.lock.MetaLockStore;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ringfs webdav}: serves the drive over WebDAV until SIGTERM or Ctrl-C, and prints the URL a
 * file manager maps.
 */
@Command(name = "webdav", mixinStandardHelpOptions = true,
        description = {"Serves RingFS as a WebDAV network drive (class 1 and 2: locks included).",
                "Users come from the users file ('ringfs user add NAME'); a front with no users refuses to"
                        + " start unless --anonymous."})
public final class WebDavCommand implements RoleCommand {
    @Mixin
    ClientOptions client;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", defaultValue = "127.0.0.1:8080",
            description = "Address to serve on; port 0 picks a free one (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--users", paramLabel = "FILE",
            description = "The users file (default: DIR/webdav/users, DIR being --dir; where `ringfs user add` writes).")
    Path users;

    @Option(names = "--anonymous", description = "Admit requests without credentials (anyone who reaches the port).")
    boolean anonymous;

    @Option(names = "--no-digest", description = "Offer Basic auth only (use with HTTPS).")
    boolean noDigest;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with this PKCS12 or JKS keystore.")
    Path keystore;

    @Option(names = "--tls-password", paramLabel = "PASSWORD", description = "The keystore's password.")
    String keystorePassword;

    @Option(names = "--tls-password-file", paramLabel = "FILE",
            description = "A file holding the keystore's password (keeps it out of the process list).")
    Path keystorePasswordFile;

    @Option(names = "--port-file", paramLabel = "FILE",
            description = "Write the port served on to this file once listening (the launcher reads it).")
    Path portFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        quietMilton();
        FrontSettings settings = new FrontSettings(address(), usersFile(), anonymous, !noDigest, keystore, keystorePassword());
        // off unless asked for: conditional requests (If-Match, locks) want meta's current word
        ClientSettings clientSettings = client.settings(Duration.ZERO);
        try (RingFsClient fs = new RingFsClient(clientSettings)) {
            // The client's meta connection for the locks too (its secret and TLS): locks live in meta, shared by every front.
            WebDavFront front = WebDavFront.start(fs, new MetaLockStore(fs.meta()), settings, clientSettings.secret());
            ServerProcess.serveUntilStopped("webdav front", front, front.port(), portFile,
                    "webdav serving " + clientSettings.metaAddress() + " at " + front.url()
                            + (anonymous ? " (anonymous access)" : " (users from " + settings.usersFile() + ")"));
        }
        return 0;
    }

    /** Milton logs every request at INFO; the launcher's shared logback.xml does not know it. */
    private static void quietMilton() {
        if (LoggerFactory.getLogger("io.milton") instanceof ch.qos.logback.classic.Logger milton) {
            milton.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private InetSocketAddress address() {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) throw new CommandLine.ParameterException(spec.commandLine(), "--listen wants ADDR:PORT, got " + listen);
        try {
            String host = listen.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            return new InetSocketAddress(host, Integer.parseInt(listen.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--listen wants ADDR:PORT, got " + listen);
        }
    }

    /** --users, else the cluster directory's users file, where `ringfs user add` writes by default. */
    Path usersFile() {
        if (users != null) return users;
        Path dir = spec.findOption("--dir").getValue();
        return new ClusterDirectory(dir).webdavUsersFile();
    }

    private String keystorePassword() throws IOException {
        if (keystorePasswordFile != null) return Files.readString(keystorePasswordFile, StandardCharsets.UTF_8).strip();
        return keystorePassword;
    }
}
