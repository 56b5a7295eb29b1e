package org.ringfs.cli.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where a meta member that left its group goes: DIR/meta-K.removed-TIMESTAMP, never deleted. */
final class LocalMetaRemoval {
    private LocalMetaRemoval() {}

    /** Moves DIR/NAME aside, when it exists, and says where. */
    static void moveAside(ClusterDirectory cluster, String name, PrintWriter out) throws IOException {
        Path from = cluster.serverDir(name);
        if (!Files.exists(from)) return;
        Path to = from.resolveSibling(name + ".removed-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        out.println("moved " + from + " aside to " + to + " (delete it once sure)");
    }
}
