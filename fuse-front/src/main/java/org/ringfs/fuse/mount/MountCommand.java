package org.ringfs.fuse.mount;

import org.ringfs.cli.ClientOptions;
import org.ringfs.cli.RoleCommand;
import org.ringfs.cli.VerboseOption;
import org.ringfs.client.ClientSettings;
import org.ringfs.client.RingFsClient;
import org.ringfs.fuse.fs.AtimeMode;
import org.ringfs.fuse.fs.RingFuse;
import org.ringfs.api.RingFsException;
import org.ringfs.fuse.fs.MountMetrics;
import org.ringfs.metrics.MetricsEndpoint;
import org.ringfs.metrics.ServerMetrics;
import org.ringfs.server.ServerShell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ru.serce.jnrfuse.FuseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code ringfs mount [--meta HOST:PORT[,HOST:PORT...]] MOUNTPOINT [--detach]}: RingFS as a directory. */
@Command(name = "mount", mixinStandardHelpOptions = true,
        description = {"Mounts RingFS at MOUNTPOINT with FUSE.",
                "`fusermount -u MOUNTPOINT`, SIGTERM or Ctrl-C unmounts; a stale mount left by a killed"
                        + " mount process is cleaned first."})
public final class MountCommand implements RoleCommand {
    private static final Logger log = LoggerFactory.getLogger(MountCommand.class);
    /** A JVM start and a first call to meta: generous, so a loaded machine does not fail the mount. */
    private static final Duration DETACHED_START_TIMEOUT = Duration.ofSeconds(60);
    /** How long an unmount waits for open files to flush before it gives up on them. */
    private static final Duration CLOSE_FILES_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    ClientOptions client;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "MOUNTPOINT", description = "The directory to mount on (created if missing).")
    Path mountPoint;

    @Option(names = "--detach", description = "Mount in a background process; return once the mount answers.")
    boolean detach;

    @Option(names = "--log", paramLabel = "FILE",
            description = "The log of a detached mount (default: MOUNTPOINT.log, beside the mount point).")
    Path logFile;

    @Option(names = "--attr-timeout", paramLabel = "SECONDS", defaultValue = "1",
            description = "How long the mount trusts the attributes meta answered, unless it changed them itself (default: ${DEFAULT-VALUE}).")
    double attrTimeout;

    // 0 by default: a name the kernel cached after another mount removed or replaced it made an open
    // with O_CREAT fail (ENOENT) once this mount had had the file open; lookups are answered from the
    // mount's own attribute cache, so they cost a trip to this process, not to meta.
    @Option(names = "--entry-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "How long the kernel caches name lookups (default: ${DEFAULT-VALUE}).")
    double entryTimeout;

    @Option(names = "--atime", paramLabel = "strict|relatime|off", defaultValue = "relatime",
            description = "When reads move access times (default: ${DEFAULT-VALUE}).")
    String atime;

    @Option(names = "--commit-open-after", paramLabel = "SECONDS", defaultValue = "5",
            description = "Commit a file left open once its writes have waited this long, as close or fsync would; "
                    + "0 turns it off (default: ${DEFAULT-VALUE}).")
    double commitOpenAfter;

    @Option(names = "--pid-file", paramLabel = "FILE",
            description = "Write the mount process's pid here (removed at unmount), for scripts that must stop it.")
    Path pidFile;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
            description = "Serve the mount's Prometheus metrics at http://HOST:PORT/metrics (port 0: any free one);"
                    + " with a cluster secret a scrape needs `ringfs metrics-token`. Default: none.")
    String metricsListen;

    @Option(names = "--fuse-debug", hidden = true, description = "libfuse's -d: every request on stderr.")
    boolean fuseDebug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try {
            AtimeMode.of(atime);
            commitOpenAfter();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        MountPoint mp = new MountPoint(mountPoint);
        mp.prepare();
        if (detach) {
            Path logPath = logFile != null ? logFile : Path.of(mp.dir() + ".log");
            new BackgroundMount(mp, logPath).start(foregroundArgs(mp), DETACHED_START_TIMEOUT);
            announce(mp);
            return 0;
        }
        return mountHere(mp);
    }

    /** The same mount, in the foreground, for the background process; the cluster address resolved. */
    private List<String> foregroundArgs(MountPoint mp) throws IOException {
        ClientSettings s = client.settings(Duration.ZERO);
        List<String> args = new ArrayList<>(List.of("mount",
                "--meta", s.metaAddress(),
                "--write-policy", s.writePolicy().name().toLowerCase(Locale.ROOT),
                "--wait", ClientSettings.isForever(s.readWait()) ? "forever" : Long.toString(s.readWait().toSeconds()),
                "--attr-timeout", Double.toString(attrTimeout),
                "--entry-timeout", Double.toString(entryTimeout),
                "--atime", atime,
                "--commit-open-after", Double.toString(commitOpenAfter),
                "--attr-cache", Double.toString(s.attributeTtl().toNanos() / 1e9)));
        Path secretFile = client.secretFile();
        if (secretFile != null) args.addAll(List.of("--secret-file", secretFile.toString()));
        args.addAll(client.tlsArguments());
        if (fuseDebug) args.add("--fuse-debug");
        if (metricsListen != null) args.addAll(List.of("--metrics-listen", metricsListen));
        if (pidFile != null) args.addAll(List.of("--pid-file", pidFile.toAbsolutePath().toString()));
        args.add(mp.dir().toString());
        return args;
    }

    /** Mounts in this process and returns when the mount goes away. */
    private int mountHere(MountPoint mp) throws IOException {
        // the client's attribute cache is off unless --attr-cache asks: the mount keeps its own for --attr-timeout
        ClientSettings settings = client.settings(Duration.ZERO);
        ServerMetrics metrics = ServerMetrics.create();
        ServerShell metricsServer = metricsListen == null ? null : serveMetrics(metrics, settings);
        RingFsClient ringFs = new RingFsClient(settings);
        RingFuse fuse = new RingFuse(ringFs, attrTimeout, AtimeMode.of(atime),
                metricsServer == null ? MountMetrics.NONE : new MountMetrics(metrics), commitOpenAfter(), () -> announce(mp));
        if (pidFile != null) Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                stop(mp, fuse, ringFs);
                if (metricsServer != null) stopMetrics(metricsServer);
            }
        };
        // SIGTERM and Ctrl-C: the JVM runs its hooks; unmount before the client goes.
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "ringfs-unmount"));
        log.info("mounting {} at {} (write policy {}, wait {})", settings.metaAddress(), mp.dir(),
                settings.writePolicy(), ClientSettings.isForever(settings.readWait()) ? "forever" : settings.readWait());
        fuse.mount(mp.dir(), true, fuseDebug, new MountOptions(attrTimeout, entryTimeout, runsAsRoot()).fuseArgs());
        // libfuse returned: `fusermount -u` took the mount away.
        fuse.forgetMount();
        stop.run();
        log.info("unmounted {}", mp.dir());
        return 0;
    }

    /** The metrics alone in a server shell of their own on --metrics-listen: a mount has no HTTP port. */
    private ServerShell serveMetrics(ServerMetrics metrics, ClientSettings settings) {
        int colon = metricsListen.lastIndexOf(':');
        int port;
        try {
            port = colon <= 0 ? -1 : Integer.parseInt(metricsListen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--metrics-listen wants HOST:PORT, got " + metricsListen);
        }
        try {
            ServerShell shell = ServerShell.builder("mount-metrics").host(metricsListen.substring(0, colon)).port(port).maxThreads(8)
                    .wire("fuse").metrics(metrics).metricsSecret(settings.secret()).handler(MetricsEndpoint.nothingElse())
                    .start();
            log.info("mount metrics at http://{}:{}{}", shell.host(), shell.port(), MetricsEndpoint.PATH);
            return shell;
        } catch (RingFsException e) {
            throw new ParameterException(spec.commandLine(), "--metrics-listen " + metricsListen + ": " + e.getMessage());
        }
    }

    private static void stopMetrics(ServerShell metricsServer) {
        try {
            metricsServer.close();
        } catch (Exception e) {
            log.warn("stopping the metrics server: {}", e.toString());
        }
    }

    private void stop(MountPoint mp, RingFuse fuse, RingFsClient ringFs) {
        try {
            if (mp.mountedType().isPresent()) fuse.umount();
        } catch (IOException | FuseException e) {
            log.warn("unmounting {}: {}", mp.dir(), e.toString());
        }
        closeFiles(fuse);
        ringFs.close();
        try {
            if (pidFile != null) Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.warn("could not remove the pid file {}: {}", pidFile, e.toString());
        }
    }

    /**
     * Flushes the files still open, for a bounded time: under the `all` policy with a server down a
     * flush may wait without end, and an unmount (Ctrl-C) must still end.
     */
    private static void closeFiles(RingFuse fuse) {
        Thread closer = new Thread(fuse::closeAll, "ringfs-close-files");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_FILES_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            log.error("open files could not be flushed within {} s; their unflushed writes are lost",
                    CLOSE_FILES_TIMEOUT.toSeconds());
        }
    }

    /** --commit-open-after as a duration (zero: off), refused when negative or not a number. */
    private Duration commitOpenAfter() {
        if (!(commitOpenAfter >= 0) || commitOpenAfter > 86_400) {
            throw new IllegalArgumentException("--commit-open-after takes 0 to 86400 seconds, not " + commitOpenAfter);
        }
        return Duration.ofNanos(Math.round(commitOpenAfter * 1e9));
    }

    private void announce(MountPoint mp) {
        spec.commandLine().getOut().println("mounted at " + mp.dir());
        spec.commandLine().getOut().flush();
    }

    /** Root mounts for everyone (allow_other); others for themselves (fuse.conf may forbid more). */
    private static boolean runsAsRoot() throws IOException {
        // /proc/self belongs to the process's effective uid.
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }
}
