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
 * exactly its bytes with the headers RFC 9110 asks for, and a 4 KiB range of a large file asks meta
 * for its one block table row and the data servers for one 64 KiB chunk, not a 1024-row page and
 * whole blocks. Meta's rows are counted on the wire (a MetaService wrapper), the data servers'
 * bytes by the client's {@link ReadStats}.
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
        HttpResponse<byte[]> r = dav.get("/big.bin", "Range", range);
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
        ReadStats stats = fs.readStats();
        long pages = tablePages.get(), rows = tableRows.get(), bytes = stats.dataBytes();
        assertRange(range, first, last);
        return new Cost(tablePages.get() - pages, tableRows.get() - rows, stats.dataBytes() - bytes);
    }

    @Test
    void aFourKibRangeOfALargeFileCostsOneRowAndOneChunk() throws Exception {
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

        Cost suffix = cost("bytes=-4096", SIZE - 4096, SIZE - 1);
        assertThat(suffix.rows()).isLessThanOrEqualTo(2);
        assertThat(suffix.bytes()).isLessThanOrEqualTo(2L * CHUNK);

        Cost firstBytes = cost("bytes=0-4095", 0, 4095);
        assertThat(firstBytes.rows()).isEqualTo(1);
        assertThat(firstBytes.bytes()).as("no read-ahead past the range").isEqualTo(CHUNK);
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
