package org.ringfs.data.store;

import com.sleepycat.je.DatabaseException;
import com.sleepycat.je.DiskLimitException;
import com.sleepycat.je.EnvironmentLockedException;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Opens the store in {@code DIR/store}. A store JE refuses, cannot read through, or marked failed
 * at run time is moved aside to {@code DIR/store.damaged-<timestamp>} (never deleted: an operator
 * may want it) and the server starts empty; reconciliation then refetches what it should hold.
 */
public final class StoreOpener {
    private static final Logger log = LoggerFactory.getLogger(StoreOpener.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private StoreOpener() {}

    public static OpenedStore open(Path serverDir, StoreSettings settings, LongSupplier clock) throws RingFsException {
        return open(serverDir, settings, clock, null);
    }

    /** @param freeSpace what the space reserve is checked against; null: the store's file system */
    public static OpenedStore open(Path serverDir, StoreSettings settings, LongSupplier clock, FreeSpace freeSpace)
            throws RingFsException {
        Path storeDir = serverDir.resolve("store");
        try {
            Files.createDirectories(serverDir);
            if (!holdsLogFiles(storeDir)) {
                Files.createDirectories(storeDir);
                return new OpenedStore(BlockStore.open(storeDir, settings, clock, freeSpace), StoreCondition.MISSING, null);
            }
            if (Files.exists(storeDir.resolve(BlockStore.FAILED_MARKER))) {
                return startOver(storeDir, settings, clock, freeSpace, "it was marked failed: "
                        + Files.readString(storeDir.resolve(BlockStore.FAILED_MARKER)).trim());
            }
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot prepare store directory " + storeDir + ": " + e, e);
        }
        try {
            return new OpenedStore(BlockStore.open(storeDir, settings, clock, freeSpace), StoreCondition.EXISTING, null);
        } catch (EnvironmentLockedException e) {
            // Not damage: another process has it open. Moving it aside would hurt that process.
            throw new RingFsException(ErrorCode.IO_ERROR, "store " + storeDir + " is in use by another process", e);
        } catch (DiskLimitException e) {
            // Not damage either: the disk is full. Starting over would throw away every copy.
            throw new RingFsException(ErrorCode.NO_SPACE, "store " + storeDir + " cannot open on a full disk: "
                    + e.getMessage(), e);
        } catch (DatabaseException e) {
            return startOver(storeDir, settings, clock, freeSpace, e.toString());
        } catch (RingFsException e) {
            if (e.code() != ErrorCode.CORRUPT) throw e;
            return startOver(storeDir, settings, clock, freeSpace, e.getMessage());
        }
    }

    private static OpenedStore startOver(Path storeDir, StoreSettings settings, LongSupplier clock, FreeSpace freeSpace,
                                         String why)
            throws RingFsException {
        Path aside = storeDir.resolveSibling("store.damaged-" + STAMP.format(Instant.ofEpochMilli(clock.getAsLong())));
        for (int n = 1; Files.exists(aside); n++) aside = storeDir.resolveSibling(aside.getFileName() + "-" + n);
        log.error("store {} is damaged ({}); moving it to {} and starting empty", storeDir, why, aside);
        try {
            Files.move(storeDir, aside);
            Files.createDirectories(storeDir);
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot move damaged store " + storeDir + " aside: " + e, e);
        }
        return new OpenedStore(BlockStore.open(storeDir, settings, clock, freeSpace), StoreCondition.DAMAGED, aside);
    }

    private static boolean holdsLogFiles(Path storeDir) throws IOException {
        if (!Files.isDirectory(storeDir)) return false;
        try (Stream<Path> files = Files.list(storeDir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jdb"));
        }
    }
}
