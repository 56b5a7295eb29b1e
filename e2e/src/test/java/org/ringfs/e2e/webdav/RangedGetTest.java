package org.ringfs.e2e.webdav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.MetaService;
import org.ringfs.client.ReadStats;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.webdav.auth.UsersFile;
import org.ringfs.webdav.lock.InMemoryLockStore;
import org.ringfs.webdav.server.FrontSettings;
import org.ringfs.webdav.server.WebDavFront;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ranged GETs through the WebDAV front over a real cluster (issue 13): every form of range returns
 * exactly its bytes with the headers RFC 9110 asks for, and the first 4 KiB range of a large file
 * asks meta for its one block table row and the data servers for one 64 KiB chunk, not a 1024-row
 * page and whole blocks; later 4 KiB ranges of the unchanged file share that table, so a GET costs
 * meta its stat alone. Meta's calls and rows are counted on the wire (a MetaService wrapper), the
 * data servers' bytes by the client's {@link ReadStats}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RangedGetTest {
    static final int CHUNK = BlockProtocol.DEFAULT_CHUNK_SIZE;
    static final int BLOCK = 8 * CHUNK; // 512 KiB
    static final int SIZE = 24 * BLOCK + 777;
    static final String USER = "tester";
    static final String PASSWORD = "range rover";

    MiniRingFsCluster cluster;
    RingFsClient fs;
    WebDavFront front;
    DavClient dav;
    byte[] data;
    final AtomicLong tablePages = new AtomicLong();
    final AtomicLong tableRows = new AtomicLong();
    final AtomicLong metaCalls = new AtomicLong();

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(4).blockSize(BLOCK).build();
        fs = cluster.clientThrough(this::countingBlockTables);
        Path users = cluster.root().resolve("webdav.users");
        UsersFile.put(users, USER, PASSWORD.toCharArray());
        front = WebDavFront.start(fs, new InMemoryLockStore(), new FrontSettings(
                new InetSocketAddress("127.0.0.1", 0), users, false, true, null, null));
        dav = new DavClient(front.url(), USER, PASSWORD);
        data = new byte[SIZE];
        new Random(13).nextBytes(data);
        assertThat(dav.put("/big.bin", data)).isEqualTo(201);
    }

    @AfterAll
    void stop() throws Exception {
        if (front != null) front.close();
        if (cluster != null) cluster.close();
    }

    /** Meta as the front's client sees it, counting the block table pages it serves and their rows. */
    MetaService countingBlockTables(MetaService meta) {
        return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[] {MetaService.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(meta, args);
                        if (method.getDeclaringClass() == MetaService.class) metaCalls.incrementAndGet();
                        if (method.getName().equals("blocks")) {
                            tablePages.incrementAndGet();
                            tableRows.addAndGet(((FileBlocks) result).blocks().size());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A range GET: 206, exactly bytes [first, last] with Content-Range, Content-Length, ETag and Last-Modified. */
    void assertRange(String range, long first, long last) throws Exception {
        assertRange("/big.bin", range, first, last);
    }

    void assertRange(String path, String range, long first, long last) throws Exception {
        HttpResponse<byte[]> r = dav.get(path, "Range", range);
        assertThat(r.statusCode()).as(range).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Range")).as(range).hasValue("bytes " + first + "-" + last + "/" + SIZE);
        assertThat(r.headers().firstValueAsLong("Content-Length").orElse(-1)).as(range).isEqualTo(last - first + 1);
        assertThat(r.headers().firstValue("ETag")).as(range).isPresent();
        assertThat(r.headers().firstValue("Last-Modified")).as(range).isPresent();
        assertThat(r.body()).as(range).isEqualTo(Arrays.copyOfRange(data, (int) first, (int) last + 1));
    }

    @Test
    void everyFormOfRangeReturnsExactlyItsBytes() throws Exception {
        assertRange("bytes=0-4095", 0, 4095);
        long middle = 5L * BLOCK - 3000; // across the boundary of blocks 4 and 5
        assertRange("bytes=" + middle + "-" + (middle + 9999), middle, middle + 9999);
        assertRange("bytes=" + (SIZE - 100) + "-" + (SIZE - 1), SIZE - 100, SIZE - 1);
        assertRange("bytes=" + (SIZE - 100) + "-" + (SIZE + 5000), SIZE - 100, SIZE - 1);
        assertRange("bytes=-500", SIZE - 500, SIZE - 1);
        assertRange("bytes=-" + (SIZE + 10), 0, SIZE - 1);
        long open = SIZE - BLOCK - BLOCK / 2;
        assertRange("bytes=" + open + "-", open, SIZE - 1);
        assertRange("bytes=" + (3L * BLOCK) + "-" + (7L * BLOCK + 5), 3L * BLOCK, 7L * BLOCK + 5);
    }

    @Test
    void anUnsatisfiableRangeIs416WithTheSize() throws Exception {
        HttpResponse<byte[]> r = dav.get("/big.bin", "Range", "bytes=" + SIZE + "-");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */" + SIZE);
    }

    @Test
    void aWholeGetAndHeadCarryTheValidatorsAndAcceptRanges() throws Exception {
        HttpResponse<byte[]> head = dav.method("HEAD", "/big.bin");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(head.headers().firstValueAsLong("Content-Length").orElse(-1)).isEqualTo(SIZE);
        String etag = head.headers().firstValue("ETag").orElseThrow();
        String modified = head.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<byte[]> all = dav.get("/big.bin");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(DavClient.sha256(all.body())).isEqualTo(DavClient.sha256(data));
        assertThat(all.headers().firstValue("ETag")).hasValue(etag);
        assertThat(all.headers().firstValue("Last-Modified")).hasValue(modified);
        assertThat(all.headers().firstValue("Cache-Control")).as("as Milton's handler said").hasValue("no-cache");
        // If-Range with the current validator serves the range; with another one, the whole file.
        assertThat(dav.get("/big.bin", "Range", "bytes=0-9", "If-Range", etag).statusCode()).isEqualTo(206);
        assertThat(dav.get("/big.bin", "Range", "bytes=0-9", "If-Range", modified).statusCode()).isEqualTo(206);
        HttpResponse<byte[]> stale = dav.get("/big.bin", "Range", "bytes=0-9", "If-Range", "\"other\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).hasSize(SIZE);
    }

    @Test
    void severalRangesComeAsMultipartByteranges() throws Exception {
        HttpResponse<byte[]> r = dav.get("/big.bin", "Range", "bytes=0-9,-10");
        assertThat(r.statusCode()).isEqualTo(206);
        String type = r.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/byteranges; boundary=");
        assertThat((long) r.body().length).isEqualTo(r.headers().firstValueAsLong("Content-Length").orElse(-1));
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        String boundary = type.substring(type.indexOf('=') + 1);
        assertThat(body).contains("Content-Range: bytes 0-9/" + SIZE, "Content-Range: bytes " + (SIZE - 10) + "-"
                + (SIZE - 1) + "/" + SIZE).endsWith("--" + boundary + "--\r\n");
        assertThat(body).contains(new String(Arrays.copyOfRange(data, 0, 10), StandardCharsets.ISO_8859_1));
        assertThat(body).contains(new String(Arrays.copyOfRange(data, SIZE - 10, SIZE), StandardCharsets.ISO_8859_1));
    }

    /** What one GET cost: block table pages and rows from meta, bytes from the data servers. */
    record Cost(long pages, long rows, long bytes) {}

    Cost cost(String range, long first, long last) throws Exception {
        return cost("/cost.bin", range, first, last);
    }

    Cost cost(String path, String range, long first, long last) throws Exception {
        ReadStats stats = fs.readStats();
        long pages = tablePages.get(), rows = tableRows.get(), bytes = stats.dataBytes();
        assertRange(path, range, first, last);
        return new Cost(tablePages.get() - pages, tableRows.get() - rows, stats.dataBytes() - bytes);
    }

    @Test
    void aFourKibRangeOfALargeFileCostsOneRowAndOneChunk() throws Exception {
        // A file no GET has read yet: the tables other tests' ranges of /big.bin warmed are not its.
        assertThat(dav.put("/cost.bin", data)).isEqualTo(201);
        long at = 17L * BLOCK + 3 * CHUNK + 100; // inside one chunk of block 17
        Cost inside = cost("bytes=" + at + "-" + (at + 4095), at, at + 4095);
        assertThat(inside.pages()).as("block table pages").isEqualTo(1);
        assertThat(inside.rows()).as("block table rows").isEqualTo(1);
        assertThat(inside.bytes()).as("bytes from data servers").isEqualTo(CHUNK);

        long across = 9L * BLOCK - 2048; // the last chunk of block 8 and the first of block 9
        Cost straddling = cost("bytes=" + across + "-" + (across + 4095), across, across + 4095);
        assertThat(straddling.pages()).isEqualTo(1);
        assertThat(straddling.rows()).isEqualTo(2);
        assertThat(straddling.bytes()).isEqualTo(2L * CHUNK);

        // Later misses of the shared table ask for pages that double (4, then 8 rows), as one random reader's do.
        Cost suffix = cost("bytes=-4096", SIZE - 4096, SIZE - 1);
        assertThat(suffix.pages()).isLessThanOrEqualTo(1);
        assertThat(suffix.rows()).isLessThanOrEqualTo(4);
        assertThat(suffix.bytes()).isLessThanOrEqualTo(2L * CHUNK);

        Cost firstBytes = cost("bytes=0-4095", 0, 4095);
        assertThat(firstBytes.pages()).isLessThanOrEqualTo(1);
        assertThat(firstBytes.rows()).isLessThanOrEqualTo(8);
        assertThat(firstBytes.bytes()).as("no read-ahead past the range").isEqualTo(CHUNK);
    }

    /**
     * Random 4 KiB GETs of an unchanged file (what `ringfs bench` times): once the shared table has
     * grown over the file, each GET costs meta its stat and nothing else. Before, every GET asked for
     * its table row as well: two meta calls a GET.
     */
    @Test
    void randomFourKibRangesOfAnUnchangedFileCostMetaOneStatEach() throws Exception {
        assertThat(dav.put("/random.bin", data)).isEqualTo(201);
        Random random = new Random(4096);
        for (int i = 0; i < 20; i++) { // the table grows: 1, 2, 4 ... rows around each miss
            long at = random.nextInt(SIZE - 4096);
            assertRange("/random.bin", "bytes=" + at + "-" + (at + 4095), at, at + 4095);
        }
        long calls = metaCalls.get(), pages = tablePages.get();
        int gets = 50;
        for (int i = 0; i < gets; i++) {
            long at = random.nextInt(SIZE - 4096);
            assertRange("/random.bin", "bytes=" + at + "-" + (at + 4095), at, at + 4095);
        }
        assertThat(tablePages.get() - pages).as("block table pages").isLessThanOrEqualTo(2);
        // one stat each; a session renewal or cluster map refresh may fall in between
        assertThat(metaCalls.get() - calls).as("meta calls").isLessThanOrEqualTo(gets + 10L);
    }

    /** Another client rewrites bytes in place: the next ranged GET gets a fresh table and the new bytes. */
    @Test
    void aRangeAfterAnotherClientsWriteHasTheNewBytes() throws Exception {
        assertThat(dav.put("/changing.bin", data)).isEqualTo(201);
        long at = 11L * BLOCK + 5000;
        for (int i = 0; i < 3; i++) assertRange("/changing.bin", "bytes=" + at + "-" + (at + 4095), at, at + 4095);
        byte[] other = new byte[4096];
        new Random(77).nextBytes(other);
        try (RingFsClient writer = cluster.client(); org.ringfs.client.OpenFile f = writer.open("/changing.bin", false)) {
            f.write(at, other, 0, other.length);
        }
        HttpResponse<byte[]> r = dav.get("/changing.bin", "Range", "bytes=" + at + "-" + (at + 4095));
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(other);
    }

    @Test
    void aWholeFileGetReadsEachBlockOnceFromFewPages() throws Exception {
        ReadStats stats = fs.readStats();
        long pages = tablePages.get(), bytes = stats.dataBytes();
        HttpResponse<byte[]> all = dav.get("/big.bin");
        assertThat(DavClient.sha256(all.body())).isEqualTo(DavClient.sha256(data));
        assertThat(tablePages.get() - pages).isLessThanOrEqualTo(3); // 16 rows, then 32: the 25 blocks
        assertThat(stats.dataBytes() - bytes).isEqualTo(SIZE);
    }
}
