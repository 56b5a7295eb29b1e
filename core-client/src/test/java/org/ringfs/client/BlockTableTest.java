package org.ringfs.client;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The block table's paging against a meta that pages as meta does (FileContents.blocks: existing
 * rows from an index, at most the limit, next = the last row's index + 1 when more exist): random
 * reads get exactly meta's rows from pages no larger than they need at first, sequential readers
 * from few pages, and the rows are always right.
 */
class BlockTableTest {
    static final long INODE = 7;

    /** One file's block table in meta, counting the pages it serves. */
    static final class TableMeta {
        final TreeMap<Long, BlockInfo> rows = new TreeMap<>();
        long size;
        int pages;
        long rowsSent;
        final List<Integer> asked = new ArrayList<>();

        MetaService service() {
            return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(),
                    new Class<?>[] {MetaService.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("blocks")) throw new UnsupportedOperationException(method.getName());
                        return page((Long) args[0], (Long) args[1], (Integer) args[2]);
                    });
        }

        FileBlocks page(long inode, long from, int max) {
            assertThat(inode).isEqualTo(INODE);
            assertThat(max).isBetween(1, BlockTable.MAX_PAGE_ROWS);
            assertThat(from).isNotNegative();
            pages++;
            asked.add(max);
            List<BlockInfo> out = new ArrayList<>();
            long next = -1;
            for (BlockInfo b : rows.tailMap(from).values()) {
                if (out.size() == max) {
                    next = out.get(out.size() - 1).index() + 1;
                    break;
                }
                out.add(b);
            }
            rowsSent += out.size();
            return new FileBlocks(inode, size, out, next);
        }

        static TableMeta random(long blocks, double holes, long seed) {
            TableMeta m = new TableMeta();
            Random r = new Random(seed);
            for (long i = 0; i < blocks; i++) {
                if (r.nextDouble() < holes) continue;
                m.rows.put(i, new BlockInfo(i, 1 + r.nextInt(1000), 1 + r.nextInt(1 << 20), r.nextInt(), r.nextInt(5)));
            }
            m.size = blocks * (1L << 20);
            return m;
        }
    }

    record Read(long first, int count) {}

    @Provide
    Arbitrary<List<Read>> reads() {
        return Combinators.combine(Arbitraries.longs().between(0, 6000), Arbitraries.integers().between(1, 40))
                .as(Read::new).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 200)
    void randomReadsGetMetasRowsFromPagesNoLargerThanTheyNeedAtFirst(
            @ForAll @IntRange(min = 1, max = 6000) int blocks, @ForAll @IntRange(max = 90) int holePercent,
            @ForAll("reads") List<Read> reads, @ForAll long seed) throws RingFsException {
        TableMeta meta = TableMeta.random(blocks, holePercent / 100.0, seed);
        ReadStats stats = new ReadStats();
        BlockTable table = new BlockTable(meta.service(), INODE, stats);
        boolean first = true;
        for (Read read : reads) {
            long start = Math.min(read.first(), blocks - 1);
            long end = Math.min(start + read.count(), blocks);
            int pagesBefore = meta.pages;
            long rowsBefore = meta.rowsSent;
            table.expect(start, read.count(), false, blocks);
            assertThat(meta.pages - pagesBefore).as("pages for one read of %d rows", read.count()).isLessThanOrEqualTo(1);
            if (first && meta.pages > pagesBefore) {
                assertThat(meta.asked.get(0)).as("the first page asks for the read's rows only").isEqualTo(end - start);
                assertThat(meta.rowsSent - rowsBefore).isLessThanOrEqualTo(end - start);
            }
            first = false;
            int pagesAfterExpect = meta.pages;
            for (long i = start; i < end; i++) assertThat(table.block(i)).isEqualTo(meta.rows.get(i));
            assertThat(meta.pages).as("lookups of the expected rows ask meta nothing").isEqualTo(pagesAfterExpect);
        }
        assertThat(table.size()).isEqualTo(meta.size);
        assertThat(stats.tablePages()).isEqualTo(meta.pages);
        assertThat(stats.tableRows()).isEqualTo(meta.rowsSent);
    }

    @Property(tries = 100)
    void aSequentialReaderReadsTheWholeTableFromFewGrowingPages(
            @ForAll @IntRange(min = 1, max = 20000) int blocks, @ForAll @IntRange(max = 90) int holePercent,
            @ForAll @IntRange(min = 1, max = 64) int readBlocks, @ForAll @IntRange(max = 16) int readAhead,
            @ForAll long seed) throws RingFsException {
        TableMeta meta = TableMeta.random(blocks, holePercent / 100.0, seed);
        BlockTable table = new BlockTable(meta.service(), INODE, new ReadStats());
        for (long i = 0; i < blocks; i += readBlocks) {
            table.expect(i, readBlocks + readAhead, true, blocks);
            for (long j = i; j < Math.min(blocks, i + readBlocks + readAhead); j++) {
                assertThat(table.block(j)).isEqualTo(meta.rows.get(j));
            }
        }
        // 16, 32, ... 1024 rows: seven pages cover the first 2032 blocks, then one a 1024 (reads and
        // read-ahead that cross a page's end can cost one more each time).
        long bound = 7 + 2 * ((long) blocks / BlockTable.MAX_PAGE_ROWS + 1);
        assertThat((long) meta.pages).isLessThanOrEqualTo(bound);
        // Pages overlap by at most what one read and its read-ahead wanted.
        assertThat(meta.rowsSent).isLessThanOrEqualTo(meta.rows.size() + (long) meta.pages * (readBlocks + readAhead));
    }

    @Property(tries = 100)
    void lookupsInAnyOrderAlwaysAnswerMetasRow(@ForAll @IntRange(min = 1, max = 3000) int blocks,
                                               @ForAll @IntRange(max = 90) int holePercent, @ForAll long seed,
                                               @ForAll("lookups") List<Long> indices) throws RingFsException {
        TableMeta meta = TableMeta.random(blocks, holePercent / 100.0, seed);
        BlockTable table = new BlockTable(meta.service(), INODE, new ReadStats());
        for (long i : indices) {
            long index = i % (blocks + 50); // past the end too: holes
            assertThat(table.block(index)).isEqualTo(meta.rows.get(index));
            assertThat(meta.asked).allSatisfy(rows -> assertThat(rows).isBetween(1, BlockTable.MAX_PAGE_ROWS));
        }
    }

    @Provide
    Arbitrary<List<Long>> lookups() {
        return Arbitraries.longs().between(0, 100_000).list().ofMaxSize(200);
    }

    @Test
    void aFourKibReadAtAnOffsetOfAHugeFileAsksForItsOneRow() throws RingFsException {
        TableMeta meta = TableMeta.random(1_000_000, 0, 1);
        BlockTable table = new BlockTable(meta.service(), INODE, new ReadStats());
        table.expect(654_321, 1, false, 1_000_000);
        assertThat(table.block(654_321)).isEqualTo(meta.rows.get(654_321L));
        assertThat(meta.pages).isEqualTo(1);
        assertThat(meta.rowsSent).isEqualTo(1);
        table.expect(999_999, 2, false, 1_000_000); // the last block: nothing past the end is asked for
        assertThat(meta.asked).containsExactly(1, 1);
    }

    @Test
    void aRandomReaderThatKeepsMissingGrowsItsPagesAroundItsReads() throws RingFsException {
        TableMeta meta = TableMeta.random(100_000, 0, 2);
        BlockTable table = new BlockTable(meta.service(), INODE, new ReadStats());
        Random r = new Random(3);
        for (int k = 0; k < 40; k++) {
            long at = r.nextInt(100_000);
            table.expect(at, 1, false, 100_000);
            assertThat(table.block(at)).isEqualTo(meta.rows.get(at));
        }
        assertThat(meta.asked.subList(0, 12)).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1024);
    }

    @Test
    void aCommitMadeElsewhereIsSeenAfterInvalidateWithItsSize() throws RingFsException {
        TableMeta meta = TableMeta.random(100, 0, 4);
        BlockTable table = new BlockTable(meta.service(), INODE, new ReadStats());
        table.expect(10, 1, false, 100);
        BlockInfo old = table.block(10);
        BlockInfo newer = new BlockInfo(10, old.generation() + 1, 5, 42, 0);
        meta.rows.put(10L, newer);
        meta.size += 5;
        assertThat(table.block(10)).as("the page stands until invalidated").isEqualTo(old);
        table.invalidate();
        assertThat(table.block(10)).isEqualTo(newer);
        assertThat(table.size()).isEqualTo(meta.size);
    }

    @Test
    void anEmptyTableAsksMetaNothing() throws RingFsException {
        TableMeta meta = new TableMeta();
        BlockTable table = BlockTable.empty(meta.service(), INODE, new ReadStats());
        table.expect(0, 5, true, 5);
        assertThat(table.block(3)).isNull();
        assertThat(table.size()).isZero();
        assertThat(meta.pages).isZero();
    }
}
