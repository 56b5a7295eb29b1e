package org.ringfs.data.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockKey;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The free space a store keeps for deletes: writes that would eat into it are NO_SPACE, deletes never are. */
class TestSpaceReserve {
    static final long MIB = 1L << 20;
    static final long RESERVE = 64 * MIB;

    @TempDir
    Path dir;
    final AtomicLong free = new AtomicLong(1L << 40);
    BlockStore store;

    @AfterEach
    void close() throws Exception {
        if (store != null) store.close();
    }

    BlockStore open(StoreSettings settings) throws RingFsException {
        store = StoreOpener.open(dir, settings, System::currentTimeMillis, free::get).store();
        return store;
    }

    static void put(BlockStore s, BlockKey k, TestBlocks b) throws RingFsException {
        s.put(k, b.bytes(), b.length(), b.chunkSize(), b.crcs());
    }

    @Test
    void aWriteThatWouldLeaveLessThanTheReserveIsRefusedBeforeAnythingIsStored() throws Exception {
        open(StoreSettings.DEFAULTS);
        TestBlocks b = TestBlocks.random(1, (int) MIB, 65536);
        free.set(RESERVE + 2 * MIB);
        put(store, new BlockKey(1, 0, 1), b);

        free.set(RESERVE + MIB / 2);
        assertThatThrownBy(() -> put(store, new BlockKey(1, 1, 1), b)).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SPACE));
        assertThat(store.listing(new BlockKey(1, 1, 1))).isEmpty();
        assertThat(store.blockCount()).isEqualTo(1);
        assertThat(store.availableBytes()).isEqualTo(MIB / 2);
        assertThat(store.get(new BlockKey(1, 0, 1)).bytes()).isEqualTo(b.bytes());
        assertThatThrownBy(() -> store.requireRoomFor(MIB)).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SPACE));

        // A small copy still fits above the reserve.
        put(store, new BlockKey(1, 2, 1), TestBlocks.random(2, 1000, 512));
    }

    @Test
    void deletesAreNeverRefusedForSpace() throws Exception {
        open(StoreSettings.DEFAULTS);
        for (long i = 0; i < 3; i++) put(store, new BlockKey(2, i, 1), TestBlocks.random(i, 4096, 512));
        free.set(0);
        assertThat(store.delete(new BlockKey(2, 0, 1))).isTrue();
        assertThat(store.deleteFreed(new FreedRecord(1, 2, 1, Long.MAX_VALUE, Long.MAX_VALUE))).isEqualTo(2);
        assertThat(store.blockCount()).isZero();

        free.set(RESERVE + 8 * MIB);
        put(store, new BlockKey(2, 0, 2), TestBlocks.random(9, 4096, 512));
    }

    @Test
    void writesInFlightCountAgainstTheFreeSpace() throws Exception {
        SpaceReserve reserve = new SpaceReserve(free::get, RESERVE);
        free.set(RESERVE + 3 * MIB);
        try (SpaceReserve.Claim first = reserve.claim(2 * MIB, "first")) {
            assertThatThrownBy(() -> reserve.claim(2 * MIB, "second")).isInstanceOfSatisfying(RingFsException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SPACE));
            assertThat(reserve.availableBytes()).isEqualTo(MIB);
        }
        reserve.claim(2 * MIB, "after the first ended").close();
        assertThat(reserve.availableBytes()).isEqualTo(3 * MIB);
    }

    @Test
    void jesOwnFreeDiskFloorIsNoSpaceNotAnIoError() throws Exception {
        long beyondTheDisk = Files.getFileStore(dir).getTotalSpace() * 2;
        StoreSettings floorAboveTheDisk = new StoreSettings(64 * MIB, 64 * MIB, beyondTheDisk, beyondTheDisk);
        try {
            open(floorAboveTheDisk);
        } catch (RingFsException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_SPACE); // JE refused already at its first checkpoint
            assertThat(Files.exists(dir.resolve("store"))).isTrue();
            return;
        }
        // The reserve is bypassed here (the free space is injected): JE's floor answers.
        assertThatThrownBy(() -> put(store, new BlockKey(3, 0, 1), TestBlocks.random(3, 4096, 512)))
                .isInstanceOfSatisfying(RingFsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SPACE));
    }

    @Test
    void theReserveMayNotBeSmallerThanJesFloor() {
        assertThatThrownBy(() -> StoreSettings.DEFAULTS.withReserveBytes(MIB)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSmallDiskGetsSmallLogFiles() {
        assertThat(StoreSettings.DEFAULTS.logFileBytesFor(256 * MIB)).isEqualTo(8 * MIB);
        assertThat(StoreSettings.DEFAULTS.logFileBytesFor(1024 * MIB)).isEqualTo(16 * MIB);
        assertThat(StoreSettings.DEFAULTS.logFileBytesFor(1L << 40)).isEqualTo(64 * MIB);
    }

    /**
     * JE alone gives the space of deleted copies back late (its cleaner waits until the log is half
     * obsolete, the files it cleaned wait for a checkpoint): near the reserve, deletes make it hurry.
     */
    @Test
    void nearTheReserveDeletesGiveTheirSpaceBackSoon() throws Exception {
        StoreSettings smallFiles = new StoreSettings(64 * MIB, 8 * MIB, 16 * MIB, RESERVE);
        open(smallFiles);
        TestBlocks b = TestBlocks.random(4, (int) MIB, 65536);
        for (long i = 0; i < 96; i++) put(store, new BlockKey(4, i, 1), b);
        long before = logBytes();

        free.set(RESERVE + MIB); // near the reserve
        for (long i = 0; i < 96; i++) if (i % 10 < 3) store.delete(new BlockKey(4, i, 1)); // 30%, scattered
        // Cleaning a 70%-live file frees 8 MiB and rewrites 5.6 MiB, and a pass stops once JE estimates
        // 80% use (about 12 MiB back, by JE's estimate; CI once saw 8 MiB less 22 KiB): ask for most of
        // one log file, which JE alone does not give back at all within the wait.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (logBytes() > before - 6 * MIB && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(logBytes()).isLessThanOrEqualTo(before - 6 * MIB);
        for (long i = 0; i < 96; i++) {
            if (i % 10 >= 3) assertThat(store.get(new BlockKey(4, i, 1)).bytes()).isEqualTo(b.bytes());
        }
    }

    private long logBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("store"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jdb")).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
