package org.ringfs.e2e.bench;

import org.ringfs.cli.local.FreePorts;
import org.ringfs.cli.Main;
import org.ringfs.webdav.auth.UsersFile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings up the FUSE mount and the WebDAV front of a cluster as a user would, or says why a
 * path cannot be measured here (no fusermount, a role not on the classpath).
 */
final class Fronts {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String USER = "bench";

    private final String metaAddress;
    private final List<String> extraArgs;
    private final Path scratch;

    /** @param extraArgs what every front gets besides --meta (a closed cluster's --secret-file) */
    Fronts(String metaAddress, List<String> extraArgs, Path scratch) {
        this.metaAddress = metaAddress;
        this.extraArgs = List.copyOf(extraArgs);
        this.scratch = scratch;
    }

    private List<String> args(String... roleArgs) {
        List<String> all = new ArrayList<>(List.of(roleArgs));
        all.addAll(extraArgs);
        return all;
    }

    /** Why the FUSE path cannot run here, or empty when it can. */
    static Optional<String> fuseUnavailable() {
        if (!hasRole("mount")) return Optional.of("the mount role is not on the classpath");
        if (!onPath("fusermount")) return Optional.of("fusermount is not installed (apt-get install fuse)");
        if (!Files.exists(Path.of("/dev/fuse"))) return Optional.of("/dev/fuse is missing");
        return Optional.empty();
    }

    /** Why the WebDAV path cannot run here, or empty when it can. */
    static Optional<String> webdavUnavailable() {
        return hasRole("webdav") ? Optional.empty() : Optional.of("the webdav role is not on the classpath");
    }

    /** Mounts the cluster under the scratch directory (ringfs mount in the foreground, its own process). */
    FrontPath mount() throws IOException {
        Path mountPoint = scratch.resolve("mnt").toAbsolutePath();
        Files.createDirectories(mountPoint);
        FrontProcess p = FrontProcess.start(args("mount", mountPoint.toString(), "--meta", metaAddress),
                scratch.resolve("fuse.log"), () -> isMounted(mountPoint), START_TIMEOUT);
        return new FrontPath(new MountPath("fuse", mountPoint, p), p.pid());
    }

    /** Starts ringfs webdav on a free port with one user made for the bench. */
    FrontPath webdav() throws IOException {
        Path users = scratch.resolve("webdav.users");
        String password = Long.toHexString(new SecureRandom().nextLong()) + "-bench";
        UsersFile.put(users, USER, password.toCharArray());
        int port = freePort();
        String listen = "127.0.0.1:" + port;
        FrontProcess p = FrontProcess.start(args("webdav", "--meta", metaAddress, "--listen", listen,
                        "--users", users.toString(), "--no-digest"),
                scratch.resolve("webdav.log"), () -> answers(port), START_TIMEOUT);
        return new FrontPath(new WebDavPath("http://" + listen, USER, password, p), p.pid());
    }

    /** A started front's access path and the pid of its process (for its memory). */
    record FrontPath(AccessPath path, long pid) {}

    private static boolean hasRole(String name) {
        return Main.commandLine().getSubcommands().containsKey(name);
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return Files.isExecutable(Path.of("/bin", program));
    }

    private static boolean isMounted(Path mountPoint) throws IOException {
        String target = " " + mountPoint + " ";
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            if (line.contains(target)) return true;
        }
        return false;
    }

    private static boolean answers(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        }
    }

    private static int freePort() {
        return FreePorts.pick(1).get(0);
    }
}
