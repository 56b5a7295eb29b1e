package org.ringfs.e2e.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The TCP sockets of this host in LISTEN state, as "ADDRESS:PORT", from /proc/net/tcp and tcp6. */
final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    static List<String> ofThisHost() throws IOException {
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) continue;
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[3].equals(LISTEN)) out.add(decode(f[1]));
            }
        }
        return out;
    }

    /**
     * "0100007F:1F40" -> "127.0.0.1:8000". An IPv6 address is four little-endian words: an
     * IPv4-mapped one (how Java binds an IPv4 address on a dual-stack socket) comes back dotted,
     * the wildcard as "::", anything else as its 32 hex digits.
     */
    private static String decode(String hexAddressPort) {
        String[] parts = hexAddressPort.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String hex = parts[0];
        if (hex.length() == 8) return ipv4(hex) + ":" + port;
        if (hex.chars().allMatch(c -> c == '0')) return ":::" + port;
        if (hex.startsWith("0000000000000000FFFF0000")) return ipv4(hex.substring(24)) + ":" + port;
        return hex + ":" + port;
    }

    private static String ipv4(String littleEndianHex) {
        long a = Long.parseLong(littleEndianHex, 16);
        return (a & 0xff) + "." + ((a >> 8) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 24) & 0xff);
    }
}
