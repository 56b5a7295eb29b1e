package org.ringfs.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * How a server command runs once its server has started: it says where it listens and serves until
 * SIGTERM or SIGINT, whose shutdown hook closes the server.
 */
public final class ServerProcess {
    private ServerProcess() {}

    /**
     * Writes the port to {@code portFile} (when not null), prints {@code listening} as one line for
     * a launcher to read, and returns once the shutdown hook has closed {@code server}.
     *
     * @param role names the hook's thread and a failed stop's message, e.g. "meta" or "data server data-2"
     */
    public static void serveUntilStopped(String role, AutoCloseable server, int port, Path portFile, String listening)
            throws IOException, InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println(role + " did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, role.replace(' ', '-') + "-shutdown"));
        if (portFile != null) writePortFile(portFile, port);
        System.out.println(listening);
        System.out.flush();
        stopped.await();
    }

    /** Written aside and moved into place: a launcher polling for it never reads half a number. */
    private static void writePortFile(Path portFile, int port) throws IOException {
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, port + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
