package org.ringfs.data.rebuild;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.FreedPage;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.data.store.DeleteGate;
import org.ringfs.data.store.BlockStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Carries out meta's freed records, in order: the copies of removed inodes and of blocks a truncate
 * dropped. How far it got is kept in a small file beside the store; losing it only means applying
 * records again, which deletes nothing more. Runs only while the {@link DeleteGate} allows each page
 * ({@link DeleteGate#checkOrder}: a page from a meta master of an older term than the newest seen
 * deletes nothing, and the cursor stays where it was, so the current master is asked again later).
 */
public final class FreedSweep {
    private static final Logger log = LoggerFactory.getLogger(FreedSweep.class);
    private static final int PAGE = 1000;

    private final String self;
    private final BlockStore store;
    private final MetaService meta;
    private final DeleteGate gate;
    private final Path cursorFile;

    public FreedSweep(String self, BlockStore store, MetaService meta, DeleteGate gate, Path cursorFile) {
        this.self = self;
        this.store = store;
        this.meta = meta;
        this.gate = gate;
        this.cursorFile = cursorFile;
    }

    /** Applies every record meta has now; returns how many copies it deleted. */
    public synchronized long runOnce() throws RingFsException {
        long cursor = readCursor();
        long deleted = 0;
        while (true) {
            FreedPage page = meta.freedBlocks(self, cursor, PAGE);
            if (page.records().isEmpty()) break;
            gate.checkOrder(page.term()); // throws: nothing of this page deleted, the cursor stays
            for (FreedRecord r : page.records()) {
                deleted += store.deleteFreed(r);
                cursor = r.sequence();
            }
            writeCursor(cursor);
            if (page.done()) break;
        }
        if (deleted > 0) log.info("{}: deleted {} copies meta recorded as freed (up to record {})", self, deleted, cursor);
        return deleted;
    }

    private long readCursor() throws RingFsException {
        try {
            if (!Files.exists(cursorFile)) return 0;
            return Long.parseLong(Files.readString(cursorFile, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            log.warn("{}: unreadable {} ({}); applying meta's freed records from the start", self, cursorFile, e.toString());
            return 0;
        }
    }

    private void writeCursor(long cursor) throws RingFsException {
        Path tmp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, cursor + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, cursorFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot write " + cursorFile + ": " + e.getMessage(), e);
        }
    }
}
