package org.ringfs.cli.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Serves a local cluster's drive: the {@code webdav} role as its own process under DIR/webdav/
 * (pid, port, command, server.log, users), like the servers. On a fresh DIR it first makes a user
 * {@value #FIRST_USER} with a random password through the {@code user add} role, so the drive can
 * be mapped at once; the password is returned to be shown once and is kept nowhere in clear.
 */
public final class WebDavLauncher {
    public static final String FIRST_USER = "admin";
    /** The front listens on base port + this when the base port is fixed. */
    public static final int PORT_OFFSET = 80;
    private static final int PASSWORD_LENGTH = 20;
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray(); // no 0/O, 1/l/I

    private final ClusterDirectory cluster;
    private final ServerLauncher launcher;

    public WebDavLauncher(ClusterDirectory cluster, ServerLauncher launcher) {
        this.cluster = cluster;
        this.launcher = launcher;
    }

    /** The front's port for a base port: fixed at base + {@value #PORT_OFFSET}, or 0 (any) when base is 0. */
    public static int port(int basePort) {
        return basePort == 0 ? 0 : basePort + PORT_OFFSET;
    }

    /**
     * Creates the first user when DIR has no users file yet.
     *
     * @return the new user's password, or empty when the users file already existed
     */
    public Optional<String> createFirstUser(Duration timeout) throws IOException, InterruptedException {
        Path users = cluster.webdavUsersFile();
        if (Files.exists(users)) return Optional.empty();
        Path dir = cluster.serverDir(ClusterDirectory.WEBDAV);
        Files.createDirectories(dir);
        String password = randomPassword();
        // The password goes through a 0600 file: an argument would show in the process list.
        Path passwordFile = Files.createTempFile(dir, "first-user", ".password",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            // By --dir, as a user would: the role's default file is the one the front reads.
            List<String> command = ServerLauncher.javaCommand(List.of("user", "add", FIRST_USER,
                    "--dir", cluster.root().toString(), "--password-file", passwordFile.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(cluster.logFile(ClusterDirectory.WEBDAV).toFile()))
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new LocalClusterException("'ringfs user add' did not finish within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new LocalClusterException("'ringfs user add " + FIRST_USER + "' failed (exit " + p.exitValue()
                        + "); see " + cluster.logFile(ClusterDirectory.WEBDAV) + ":\n"
                        + cluster.logTail(ClusterDirectory.WEBDAV, 10));
            }
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        return Optional.of(password);
    }

    /**
     * Starts the front on {@code port} (0: any) over the cluster at {@code metaAddress} and waits
     * until it listens; its process goes into {@code launched} at once, so a failed start can be stopped.
     *
     * @return the port it serves on
     */
    public int start(String metaAddress, int port, Path secretFile, Map<String, ProcessHandle> launched,
                     Duration timeout) throws IOException {
        String name = ClusterDirectory.WEBDAV;
        List<String> args = new ArrayList<>(List.of(name,
                "--dir", cluster.root().toString(),
                "--meta", metaAddress,
                "--listen", ServerLauncher.HOST + ":" + port,
                "--port-file", cluster.portFile(name).toString()));
        if (secretFile != null) args.addAll(List.of("--secret-file", secretFile.toString()));
        ProcessHandle p = launcher.launch(name, ServerLauncher.javaCommand(args));
        launched.put(name, p);
        int got = launcher.awaitPort(name, p, timeout);
        // A restart (`ringfs start webdav`) keeps the URL the user mapped.
        cluster.writeCommand(name, ServerLauncher.withPort(cluster.command(name), got));
        return got;
    }

    /** The URL a file manager maps. */
    public static String url(int port) {
        return "http://" + ServerLauncher.HOST + ":" + port + "/";
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) out.append(PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)]);
        return out.toString();
    }
}
