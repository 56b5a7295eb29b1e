package org.ringfs.cli.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the servers a launcher or a test starts on ports picked before they start
 * (so a restarted server gets its old port back). A port handed out by the kernel for port 0 lies in
 * the ephemeral range, where every outgoing connection on the machine takes its local port too: one
 * took a picked port before its data server bound it (seen under load). So ports come from below
 * that range, at random, each checked by binding it, and claimed in a directory every process on the
 * machine shares ({@code java.io.tmpdir/ringfs-ports}) for as long as the claiming process lives:
 * two processes picking at once never get the same port.
 */
public final class FreePorts {
    /** The lowest port handed out: above the well-known and most registered services' ports. */
    static final int LOWEST = 10_000;
    private static final Path CLAIMS = Path.of(System.getProperty("java.io.tmpdir"), "ringfs-ports");

    private FreePorts() {}

    /** {@code count} distinct free loopback ports. */
    public static List<Integer> pick(int count) {
        int highest = ephemeralLow() - 1;
        if (highest - LOWEST < 1000) return fromKernel(count);
        List<Integer> ports = new ArrayList<>();
        for (int tries = 0; ports.size() < count; tries++) {
            if (tries > 100 * count + 1000) throw new UncheckedIOException(new IOException(
                    "no free loopback port between " + LOWEST + " and " + highest + " after " + tries + " tries"));
            int p = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (!ports.contains(p) && isFree(p) && claim(p)) ports.add(p);
        }
        return ports;
    }

    /** Whether nothing listens on {@code port} of the loopback address now. */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(ServerLauncher.HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Claims {@code port} for this process's life; false when a live process holds it. */
    private static boolean claim(int port) {
        Path f = CLAIMS.resolve(Integer.toString(port));
        String self = Long.toString(ProcessHandle.current().pid());
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.createDirectories(CLAIMS);
                Files.writeString(f, self, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                f.toFile().deleteOnExit();
                return true;
            } catch (FileAlreadyExistsException e) {
                if (holderAlive(f)) return false;
                try {
                    Files.deleteIfExists(f); // its process is gone: the claim is stale
                } catch (IOException gone) {
                    return false;
                }
            } catch (IOException e) {
                return true; // no shared directory (read-only tmp): the bind check alone decides
            }
        }
        return false;
    }

    private static boolean holderAlive(Path claim) {
        try {
            long pid = Long.parseLong(Files.readString(claim, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | NumberFormatException e) {
            return true; // being written, or unreadable: leave it alone
        }
    }

    /** The first port of the kernel's ephemeral range (Linux; 32768 elsewhere). */
    static int ephemeralLow() {
        // A reader, not Files.readString: that sizes its read by the file's size, and a /proc file's is 0
        // (it returned "3" of "32768 60999").
        try (BufferedReader r = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            return Integer.parseInt(r.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    /** The kernel's choice, all held open until every one is picked (where no range below is left). */
    private static List<Integer> fromKernel(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ServerLauncher.HOST));
                held.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pick free loopback ports", e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a port we held and closed is free either way
                }
            }
        }
    }
}
