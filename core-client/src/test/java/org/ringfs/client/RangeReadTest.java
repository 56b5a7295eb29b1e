package org.ringfs.client;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.InodeAttributes;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RingFileSystem#openRange}: any window of any file reads exactly its bytes, and a small
 * window costs one table page of the rows it covers and the chunks that hold it, never whole blocks.
 */
class RangeReadTest {
    static final int BLOCK = 4 * BlockProtocol.DEFAULT_CHUNK_SIZE; // 256 KiB: four chunks a block
    static final int SIZE = 40 * BLOCK + 12_345;

    static FakeCluster cluster;
    static RingFsClient fs;
    static byte[] data;

    @BeforeContainer
    static void write() throws Exception {
        cluster = new FakeCluster(5, BLOCK);
        fs = cluster.client();
        data = new byte[SIZE];
        new Random(11).nextBytes(data);
        try (OpenFile f = fs.create("/big", 0644, 0, 0, false)) {
            f.write(0, data, 0, data.length);
        }
    }

    @AfterContainer
    static void close() {
        cluster.close();
    }

    @Property(tries = 60)
    void aWindowReadsExactlyItsBytes(@ForAll @IntRange(max = SIZE + 10) int start,
                                     @ForAll @IntRange(max = 3 * BLOCK) int length,
                                     @ForAll @IntRange(min = 1, max = 300_000) int readSize) throws Exception {
        InodeAttributes a = fs.stat("/big");
        byte[] expected = Arrays.copyOfRange(data, Math.min(start, SIZE), (int) Math.min(SIZE, (long) start + length));
        byte[] got = new byte[expected.length];
        int at = 0;
        try (InputStream in = fs.openRange("/big", a, start, length)) {
            byte[] buffer = new byte[readSize];
            for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
                assertThat(at + n).isLessThanOrEqualTo(got.length);
                System.arraycopy(buffer, 0, got, at, n);
                at += n;
            }
        }
        assertThat(at).isEqualTo(expected.length);
        assertThat(got).isEqualTo(expected);
    }

    @Property(tries = 3)
    void aWholeWindowReadsEveryBlockOnceFromFewPages(@ForAll @IntRange(min = 4096, max = 1 << 20) int readSize)
            throws Exception {
        ReadStats stats = fs.readStats();
        long pages = stats.tablePages(), bytes = stats.dataBytes();
        byte[] got = new byte[SIZE];
        int at = 0;
        try (InputStream in = fs.openRange("/big", fs.stat("/big"), 0, SIZE)) {
            for (int n; (n = in.read(got, at, Math.min(readSize, SIZE - at))) > 0; ) at += n;
        }
        assertThat(got).isEqualTo(data);
        assertThat(stats.dataBytes() - bytes).isEqualTo(SIZE);
        assertThat(stats.tablePages() - pages).isLessThanOrEqualTo(3);
    }

    @Example
    void theFirstFourKibWindowOfAFileCostsItsRowsAndChunksOnly() throws Exception {
        firstWindowCostsItsRowsAndChunksOnly("/first-across", 5 * BLOCK - 2048); // across a block boundary
        firstWindowCostsItsRowsAndChunksOnly("/first-start", 0);
        firstWindowCostsItsRowsAndChunksOnly("/first-end", SIZE - 4096);
        firstWindowCostsItsRowsAndChunksOnly("/first-middle", 17 * BLOCK + 3 * BlockProtocol.DEFAULT_CHUNK_SIZE + 100);
    }

    /** A new file of {@link #data}: no window has read it yet. */
    private static void write(String path) throws Exception {
        try (OpenFile f = fs.create(path, 0644, 0, 0, false)) {
            f.write(0, data, 0, data.length);
        }
    }

    private void firstWindowCostsItsRowsAndChunksOnly(String path, int start) throws Exception {
        write(path);
        Cost c = window(path, fs.stat(path), start);
        boolean crossesBlock = start / BLOCK != (start + 4095) / BLOCK;
        boolean crossesChunk = start / BlockProtocol.DEFAULT_CHUNK_SIZE != (start + 4095) / BlockProtocol.DEFAULT_CHUNK_SIZE;
        assertThat(c.pages()).isEqualTo(1);
        assertThat(c.rows()).isEqualTo(crossesBlock ? 2 : 1);
        assertThat(c.bytes()).isLessThanOrEqualTo((crossesChunk ? 2L : 1L) * BlockProtocol.DEFAULT_CHUNK_SIZE);
    }

    /** What one 4 KiB window at {@code start} cost: table pages and rows from meta, bytes from the data servers. */
    record Cost(long pages, long rows, long bytes) {}

    private static Cost window(String path, InodeAttributes a, int start) throws Exception {
        ReadStats stats = fs.readStats();
        long pages = stats.tablePages(), rows = stats.tableRows(), bytes = stats.dataBytes();
        byte[] got;
        try (InputStream in = fs.openRange(path, a, start, 4096)) {
            got = in.readAllBytes();
        }
        assertThat(got).isEqualTo(Arrays.copyOfRange(data, start, start + 4096));
        return new Cost(stats.tablePages() - pages, stats.tableRows() - rows, stats.dataBytes() - bytes);
    }

    @Property(tries = 60)
    void aFourKibWindowCostsAtMostOnePageAndItsChunks(@ForAll @IntRange(max = SIZE - 4096) int start) throws Exception {
        Cost c = window("/big", fs.stat("/big"), start);
        boolean crossesChunk = start / BlockProtocol.DEFAULT_CHUNK_SIZE != (start + 4095) / BlockProtocol.DEFAULT_CHUNK_SIZE;
        assertThat(c.pages()).isLessThanOrEqualTo(1);
        assertThat(c.bytes()).isLessThanOrEqualTo((crossesChunk ? 2L : 1L) * BlockProtocol.DEFAULT_CHUNK_SIZE);
    }

    /**
     * Short windows of an unchanged file, each a new open (as ranged GETs are), share one table that
     * grows with its misses as one random reader's does: 200 of them cost a few pages, not 200.
     */
    @Example
    void shortWindowsOfAnUnchangedFileShareOneTable() throws Exception {
        write("/shared");
        InodeAttributes a = fs.stat("/shared");
        Random random = new Random(5);
        long pages = 0;
        for (int i = 0; i < 200; i++) pages += window("/shared", a, random.nextInt(SIZE - 4096)).pages();
        assertThat(pages).isLessThanOrEqualTo(20);
    }

    /** Another client's write moves the file's ctime and mtime: the next window asks meta afresh and reads the new bytes. */
    @Example
    void aWindowAfterAChangeReadsTheNewBytes() throws Exception {
        write("/changing");
        int at = 7 * BLOCK + 100;
        for (int i = 0; i < 5; i++) window("/changing", fs.stat("/changing"), at); // the table is shared and warm
        byte[] other = new byte[4096];
        new Random(99).nextBytes(other);
        try (RingFsClient writer = cluster.client(); OpenFile f = writer.open("/changing", false)) {
            f.write(at, other, 0, other.length);
        }
        InodeAttributes changed = fs.stat("/changing");
        ReadStats stats = fs.readStats();
        long pages = stats.tablePages();
        byte[] got;
        try (InputStream in = fs.openRange("/changing", changed, at, 4096)) {
            got = in.readAllBytes();
        }
        assertThat(got).isEqualTo(other);
        assertThat(stats.tablePages() - pages).as("a fresh table for the changed file").isEqualTo(1);
    }
}
