package org.ringfs.data.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockKey;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TestStoreOpener {
    @TempDir
    Path dir;

    @Test
    void noStoreStartsEmpty() throws Exception {
        OpenedStore opened = StoreOpener.open(dir, StoreSettings.DEFAULTS, System::currentTimeMillis);
        try (BlockStore store = opened.store()) {
            assertThat(opened.condition()).isEqualTo(StoreCondition.MISSING);
            assertThat(store.blockCount()).isZero();
        }
    }

    @Test
    void aDeletedStoreDirectoryStartsEmpty() throws Exception {
        fillStore();
        deleteTree(dir.resolve("store"));
        OpenedStore opened = StoreOpener.open(dir, StoreSettings.DEFAULTS, System::currentTimeMillis);
        try (BlockStore store = opened.store()) {
            assertThat(opened.condition()).isEqualTo(StoreCondition.MISSING);
            assertThat(store.blockCount()).isZero();
        }
    }

    @Test
    void aStoreWithDamagedLogFilesIsMovedAsideAndTheServerStartsEmpty() throws Exception {
        fillStore();
        List<Path> logs = logFiles(dir.resolve("store"));
        for (Path f : logs) {
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                for (long at = 0; at < raf.length(); at += 4096) {
                    raf.seek(at);
                    raf.write(new byte[64]); // zeroes over headers and entries alike
                }
            }
        }
        OpenedStore opened = StoreOpener.open(dir, StoreSettings.DEFAULTS, () -> 1_700_000_000_000L);
        try (BlockStore store = opened.store()) {
            assertThat(opened.condition()).isEqualTo(StoreCondition.DAMAGED);
            assertThat(store.blockCount()).isZero();
            assertThat(opened.movedAside().getFileName().toString()).startsWith("store.damaged-20231114");
            assertThat(logFiles(opened.movedAside())).hasSameSizeAs(logs); // kept, never deleted
        }
    }

    @Test
    void aStoreMarkedFailedIsMovedAside() throws Exception {
        fillStore();
        Files.writeString(dir.resolve("store").resolve(BlockStore.FAILED_MARKER), "LOG_CHECKSUM\n");
        OpenedStore opened = StoreOpener.open(dir, StoreSettings.DEFAULTS, System::currentTimeMillis);
        try (BlockStore store = opened.store()) {
            assertThat(opened.condition()).isEqualTo(StoreCondition.DAMAGED);
            assertThat(store.blockCount()).isZero();
            assertThat(opened.movedAside().resolve(BlockStore.FAILED_MARKER)).exists();
        }
    }

    private void fillStore() throws Exception {
        try (BlockStore store = StoreOpener.open(dir, StoreSettings.DEFAULTS, System::currentTimeMillis).store()) {
            for (long i = 0; i < 20; i++) {
                TestBlocks b = TestBlocks.random(i, 50_000, 65536);
                store.put(new BlockKey(1, i, 1), b.bytes(), b.length(), b.chunkSize(), b.crcs());
            }
        }
    }

    private static List<Path> logFiles(Path storeDir) throws Exception {
        try (Stream<Path> s = Files.list(storeDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jdb")).sorted().toList();
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
