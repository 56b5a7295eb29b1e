package org.ringfs.data.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockData;
import org.ringfs.api.BlockKey;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.checksum.BlockChecksum;
import org.ringfs.checksum.ChunkChecksums;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestBlockStore {
    @TempDir
    Path dir;
    final AtomicLong clock = new AtomicLong(1_000);
    BlockStore store;

    @BeforeEach
    void open() throws Exception {
        store = StoreOpener.open(dir, StoreSettings.DEFAULTS, clock::get).store();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    static BlockKey key(long inode, long index, long gen) { return new BlockKey(inode, index, gen); }

    StoredBlock put(BlockKey k, TestBlocks b) throws RingFsException {
        return store.put(k, b.bytes(), b.length(), b.chunkSize(), b.crcs());
    }

    /** JE would invalidate the environment on an interrupted thread; the store refuses it and stays usable. */
    @Test
    void anInterruptedCallerIsRefusedAndTheStoreKeepsWorking() throws Exception {
        TestBlocks b = TestBlocks.random(2, 100_000, 65536);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> put(key(8, 0, 1), b)).isInstanceOfSatisfying(RingFsException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThatThrownBy(() -> store.get(key(8, 0, 1))).isInstanceOf(RingFsException.class);
        } finally {
            Thread.interrupted();
        }
        put(key(8, 0, 1), b);
        assertThat(store.get(key(8, 0, 1)).bytes()).isEqualTo(b.bytes());
    }

    @Test
    void putThenGetReturnsTheBytesAndTheirChecksums() throws Exception {
        TestBlocks b = TestBlocks.random(1, 300_000, 65536);
        StoredBlock listing = put(key(7, 0, 3), b);
        assertThat(listing.crc32c()).isEqualTo(BlockChecksum.DEFAULT.of(b.bytes(), 0, b.length()));
        assertThat(listing.storedAtMillis()).isEqualTo(1_000);

        BlockData d = store.get(key(7, 0, 3));
        assertThat(d.bytes()).isEqualTo(b.bytes());
        assertThat(d.offset()).isZero();
        assertThat(d.blockLength()).isEqualTo(300_000);
        assertThat(d.chunkCrcs()).isEqualTo(b.crcs());
        ChunkChecksums.verify(d);
        assertThat(store.blockCount()).isEqualTo(1);
        assertThat(store.byteCount()).isEqualTo(300_000);
    }

    @Test
    void readRoundsToWholeChunksAndClipsAtTheEnd() throws Exception {
        TestBlocks b = TestBlocks.random(2, 1000, 100);
        put(key(1, 0, 1), b);
        BlockData d = store.read(key(1, 0, 1), 250, 100);
        assertThat(d.offset()).isEqualTo(200);
        assertThat(d.length()).isEqualTo(200);
        assertThat(d.bytes()).isEqualTo(Arrays.copyOfRange(b.bytes(), 200, 400));
        assertThat(d.chunkCrcs()).containsExactly(b.crcs()[2], b.crcs()[3]);
        ChunkChecksums.verify(d);

        BlockData tail = store.read(key(1, 0, 1), 950, 1_000_000);
        assertThat(tail.offset()).isEqualTo(900);
        assertThat(tail.length()).isEqualTo(100);

        assertThat(store.read(key(1, 0, 1), 1000, 10).length()).isZero();
        assertThatThrownBy(() -> store.read(key(1, 0, 1), 1001, 1)).hasFieldOrPropertyWithValue("code", ErrorCode.BAD_REQUEST);
    }

    @Test
    void aMismatchedChecksumStoresNothing() throws Exception {
        TestBlocks b = TestBlocks.random(3, 5000, 1024);
        int[] wrong = b.crcs().clone();
        wrong[2] ^= 1;
        assertThatThrownBy(() -> store.put(key(2, 0, 1), b.bytes(), b.length(), 1024, wrong))
                .hasFieldOrPropertyWithValue("code", ErrorCode.CHECKSUM_MISMATCH);
        assertThatThrownBy(() -> store.get(key(2, 0, 1))).hasFieldOrPropertyWithValue("code", ErrorCode.BLOCK_NOT_FOUND);
        assertThat(store.blockCount()).isZero();
    }

    @Test
    void anotherGenerationIsReportedWithTheHeldOne() throws Exception {
        put(key(3, 1, 5), TestBlocks.random(4, 10, 64));
        assertThatThrownBy(() -> store.get(key(3, 1, 6)))
                .isInstanceOfSatisfying(WrongGenerationException.class, e -> assertThat(e.heldGeneration()).isEqualTo(5));
        assertThatThrownBy(() -> store.get(key(3, 2, 5))).hasFieldOrPropertyWithValue("code", ErrorCode.BLOCK_NOT_FOUND);
    }

    @Test
    void replacingACopyKeepsTheCountsRight() throws Exception {
        put(key(4, 0, 1), TestBlocks.random(5, 100, 64));
        put(key(4, 0, 1), TestBlocks.random(6, 40, 64));
        assertThat(store.blockCount()).isEqualTo(1);
        assertThat(store.byteCount()).isEqualTo(40);
    }

    @Test
    void deleteAndDeleteFreed() throws Exception {
        for (long i = 0; i < 5; i++) put(key(9, i, 1), TestBlocks.random(i, 10, 64));
        put(key(9, 3, 2), TestBlocks.random(7, 10, 64));
        put(key(9, 4, 5), TestBlocks.random(9, 10, 64)); // another writer's newer generation
        put(key(10, 0, 1), TestBlocks.random(8, 10, 64));
        assertThat(store.delete(key(9, 0, 1))).isTrue();
        assertThat(store.delete(key(9, 0, 1))).isFalse();
        // A truncate to 2 blocks that dropped generations up to 2: indices 2, 3 (two generations), 4 at generation 1.
        assertThat(store.deleteFreed(new FreedRecord(1, 9, 2, Long.MAX_VALUE, 2))).isEqualTo(4);
        assertThat(store.list(null, 100)).extracting(StoredBlock::key)
                .containsExactly(key(9, 1, 1), key(9, 4, 5), key(10, 0, 1));
        assertThat(store.blockCount()).isEqualTo(3);
        assertThat(store.byteCount()).isEqualTo(30);
        // The inode removed: every generation of every block goes.
        assertThat(store.deleteFreed(FreedRecord.wholeInode(2, 9))).isEqualTo(2);
        assertThat(store.list(null, 100)).extracting(StoredBlock::key).containsExactly(key(10, 0, 1));
    }

    @Test
    void deleteIfUnchangedSparesAReplacedCopy() throws Exception {
        StoredBlock first = put(key(5, 0, 1), TestBlocks.random(1, 10, 64));
        clock.incrementAndGet();
        put(key(5, 0, 1), TestBlocks.random(2, 10, 64));
        assertThat(store.deleteIfUnchanged(first)).isFalse();
        assertThat(store.listing(key(5, 0, 1))).isPresent();
    }

    @Test
    void listPagesInKeyOrder() throws Exception {
        long[][] keys = {{2, 0, 1}, {1, 5, 2}, {1, 5, 1}, {300, 0, 1}, {1, 10, 1}, {1, 0, 9}};
        for (long[] k : keys) put(key(k[0], k[1], k[2]), TestBlocks.random(k[1], 3, 64));
        List<StoredBlock> page1 = store.list(null, 4);
        List<StoredBlock> page2 = store.list(page1.get(3).key(), 4);
        assertThat(page1).extracting(StoredBlock::key)
                .containsExactly(key(1, 0, 9), key(1, 5, 1), key(1, 5, 2), key(1, 10, 1));
        assertThat(page2).extracting(StoredBlock::key).containsExactly(key(2, 0, 1), key(300, 0, 1));
        assertThat(store.list(key(1, 0, 9), 1)).extracting(StoredBlock::key).containsExactly(key(1, 5, 1));
    }

    @Test
    void verifyFindsAFlippedByte() throws Exception {
        TestBlocks b = TestBlocks.random(11, 1000, 256);
        StoredBlock listing = put(key(6, 0, 1), b);
        assertThat(store.verify(key(6, 0, 1))).isEqualTo(listing);
        store.corrupt(key(6, 0, 1), 600);
        assertThatThrownBy(() -> store.verify(key(6, 0, 1))).hasFieldOrPropertyWithValue("code", ErrorCode.CORRUPT);
        assertThat(store.record(key(6, 0, 1)).firstBadChunk()).isEqualTo(2);
        assertThatThrownBy(() -> ChunkChecksums.verify(store.get(key(6, 0, 1))))
                .hasFieldOrPropertyWithValue("code", ErrorCode.CORRUPT);
    }

    @Test
    void reopeningKeepsEveryCopyAndTheCounts() throws Exception {
        TestBlocks b = TestBlocks.random(12, 200_000, 65536);
        put(key(8, 0, 1), b);
        put(key(8, 1, 1), TestBlocks.random(13, 5, 64));
        store.close();
        OpenedStore again = StoreOpener.open(dir, StoreSettings.DEFAULTS, clock::get);
        store = again.store();
        assertThat(again.condition()).isEqualTo(StoreCondition.EXISTING);
        assertThat(store.get(key(8, 0, 1)).bytes()).isEqualTo(b.bytes());
        assertThat(store.blockCount()).isEqualTo(2);
        assertThat(store.byteCount()).isEqualTo(200_005);
    }

    @Test
    void theHighestGenerationAndInodeAreTrackedOnPutAndFoundAgainOnOpen() throws Exception {
        assertThat(store.maxGeneration()).isZero();
        assertThat(store.maxInode()).isZero();
        put(key(40, 3, 7), TestBlocks.random(14, 5, 64));
        put(key(9, 0, 90), TestBlocks.random(15, 5, 64));
        assertThat(store.maxGeneration()).isEqualTo(90);
        assertThat(store.maxInode()).isEqualTo(40);
        store.close();
        store = StoreOpener.open(dir, StoreSettings.DEFAULTS, clock::get).store();
        assertThat(store.maxGeneration()).isEqualTo(90);
        assertThat(store.maxInode()).isEqualTo(40);
    }

    @Test
    void anEmptyBlockIsACopyToo() throws Exception {
        put(key(12, 0, 1), new TestBlocks(new byte[0], 64, new int[0]));
        BlockData d = store.get(key(12, 0, 1));
        assertThat(d.length()).isZero();
        assertThat(d.chunkCrcs()).isEmpty();
        assertThat(store.verify(key(12, 0, 1)).length()).isZero();
    }
}
