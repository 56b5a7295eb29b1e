package org.ringfs.data.server;

import org.ringfs.cli.RoleCommand;
import org.ringfs.security.TlsStores;
import org.ringfs.server.ServerOptions;
import org.ringfs.server.ServerProcess;
import org.ringfs.transport.MetaAddresses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code ringfs data}: runs one data server until SIGTERM or SIGINT. */
@Command(name = "data", description = "Run a data server", mixinStandardHelpOptions = true)
public final class DataServerCommand implements RoleCommand {

    @Option(names = "--name", paramLabel = "NAME", description = "the server's name in the ring (required)")
    String name;

    @Mixin
    ServerOptions server = new ServerOptions("127.0.0.1:0");

    @Option(names = "--advertise", paramLabel = "HOST",
            description = "the host meta, clients and peers reach this server at (default: the --listen host;"
                    + " required with --listen 0.0.0.0)")
    String advertise;

    @Option(names = "--dir", paramLabel = "DIR", description = "holds DIR/store, DIR/name, DIR/cluster-id and DIR/port (required)")
    Path dir;

    @Option(names = "--meta", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "the meta server, or every member of a meta group: heartbeats and reconciles follow its master (required)")
    String meta;

    @Option(names = "--allow-fault-injection", description = "serve POST /fault/corrupt (tests of repair only)")
    boolean allowFaultInjection;

    @Option(names = "--reconcile-interval-ms", paramLabel = "MS", defaultValue = "300000",
            description = "between periodic reconcile passes; one also runs at start and when meta asks (default: ${DEFAULT-VALUE})")
    long reconcileIntervalMillis;

    @Option(names = "--scrub-interval-s", paramLabel = "S", defaultValue = "600",
            description = "seconds between scrub passes, 0 for none (default: ${DEFAULT-VALUE})")
    long scrubIntervalSeconds;

    @Option(names = "--reserve-bytes", paramLabel = "BYTES", defaultValue = "67108864",
            description = "refuse block writes (NO_SPACE, HTTP 507) that would leave less free disk than this;"
                    + " the rest is kept for deletes (default: ${DEFAULT-VALUE}, 64 MiB)")
    long reserveBytes;

    @Option(names = "--tls-truststore", paramLabel = "FILE",
            description = "call meta and peers over https trusting this truststore (default with --tls-keystore: the keystore)")
    Path truststore;

    @Option(names = "--tls-truststore-password-file", paramLabel = "FILE", description = "the truststore's password")
    Path truststorePasswordFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Checked here, not by picocli: `ringfs data retire NAME` is a subcommand and needs none of them.
        List<String> missing = new ArrayList<>();
        if (name == null) missing.add("'--name=NAME'");
        if (dir == null) missing.add("'--dir=DIR'");
        if (meta == null) missing.add("'--meta=HOST:PORT'");
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required options: " + String.join(", ", missing));
        }
        try {
            MetaAddresses.parse(meta, "--meta");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TlsStores.StoreFile served = server.keystore();
        TlsStores.StoreFile trusted = truststore != null ? TlsStores.storeFile(truststore, truststorePasswordFile) : served;
        DataServer data = DataServer.builder()
                .name(name)
                .dir(dir)
                .host(server.host())
                .port(server.port())
                .advertise(advertise)
                .meta(meta)
                .allowFaultInjection(allowFaultInjection)
                .reconcileInterval(Duration.ofMillis(reconcileIntervalMillis))
                .scrubInterval(Duration.ofSeconds(scrubIntervalSeconds))
                .reserveBytes(reserveBytes)
                .secret(server.secret())
                .tls(served)
                .trust(trusted == null ? null : TlsStores.clientContext(trusted))
                .start();
        ServerProcess.serveUntilStopped("data server " + name, data, data.port(), dir.resolve("port"),
                "data server " + name + " listening on " + data.address());
        return 0;
    }
}
