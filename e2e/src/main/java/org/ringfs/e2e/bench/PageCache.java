package org.ringfs.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's page cache, dropped before a read that should come from the disk (root only). */
final class PageCache {
    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private boolean droppable = true;

    /** Drops clean cached pages; false (and never tried again) when the kernel refuses. */
    boolean drop() {
        if (!droppable) return false;
        try {
            Files.writeString(DROP_CACHES, "3");
            return true;
        } catch (IOException e) {
            droppable = false;
            System.out.println("bench: cannot drop the page cache (" + e.getMessage() + "): reads are warm");
            return false;
        }
    }

    /** True until a drop was refused: the reads measured were cold. */
    boolean cold() { return droppable; }
}
