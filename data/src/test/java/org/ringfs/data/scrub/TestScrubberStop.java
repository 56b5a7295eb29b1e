package org.ringfs.data.scrub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockKey;
import org.ringfs.data.store.BlockStore;
import org.ringfs.data.store.StoreOpener;
import org.ringfs.data.store.StoreSettings;
import org.ringfs.data.store.TestBlocks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A scrub pass ends when asked, without an interrupt (which would invalidate the store it reads). */
class TestScrubberStop {
    @TempDir
    Path dir;

    @Test
    void stopEndsAPassThatIsKeepingItsRate() throws Exception {
        try (BlockStore store = StoreOpener.open(dir, StoreSettings.DEFAULTS, System::currentTimeMillis).store()) {
            for (int i = 0; i < 20; i++) {
                TestBlocks b = TestBlocks.random(i, 64 * 1024, 16 * 1024);
                store.put(new BlockKey(7, i, 100 + i), b.bytes(), b.length(), b.chunkSize(), b.crcs());
            }
            Scrubber scrubber = new Scrubber(store, 64 * 1024); // one copy a second: a pass would take 20 s
            CompletableFuture<ScrubReport> pass = CompletableFuture.supplyAsync(() -> {
                try {
                    return scrubber.scrubOnce();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(1_500);
            long t0 = System.nanoTime();
            scrubber.stop();
            ScrubReport report = pass.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(report.scanned()).isBetween(1L, 19L);
            assertThat(store.environment().isValid()).isTrue();
        }
    }
}
