package org.ringfs.data.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** The free bytes of the file system a store lives on, as the space reserve sees them. Tests substitute a figure. */
@FunctionalInterface
public interface FreeSpace {
    long usableBytes() throws IOException;

    /** The usable space of the file system holding {@code dir}, asked afresh on every call. */
    static FreeSpace of(Path dir) throws IOException {
        FileStore fs = Files.getFileStore(dir);
        return fs::getUsableSpace;
    }
}
