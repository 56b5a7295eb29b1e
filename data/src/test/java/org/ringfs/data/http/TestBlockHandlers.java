package org.ringfs.data.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockData;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.DataServerStatus;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.StoredBlock;
import org.ringfs.checksum.ChunkChecksums;
import org.ringfs.data.fault.DataServerFaults;
import org.ringfs.data.server.DataServer;
import org.ringfs.data.store.TestBlocks;
import org.ringfs.transport.BlockClient;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The block protocol end to end: BlockClient (and raw HTTP for what it cannot send) against a real server. */
class TestBlockHandlers {
    @TempDir
    static Path dir;
    static DataServer server;
    static HttpClient http;
    static BlockClient client;

    @BeforeAll
    static void start() throws Exception {
        server = DataServer.builder().name("d1").dir(dir.resolve("d1")).scrubInterval(Duration.ZERO).start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        client = new BlockClient(BlockClient.connections(Duration.ofSeconds(5)), server.address(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @AfterEach
    void noFaults() {
        DataServerFaults.reset();
    }

    static void put(BlockKey k, TestBlocks b) throws Exception {
        client.put(k, b.bytes(), b.length(), b.chunkSize(), b.crcs());
    }

    HttpResponse<String> raw(String method, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + server.address() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    static void assertError(HttpResponse<String> r, int status, ErrorCode code) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue(BlockProtocol.ERROR)).hasValue(code.name());
        assertThat(r.body()).doesNotContain("at org.").doesNotContain("<html");
    }

    @Test
    void putGetAndRangeRead() throws Exception {
        TestBlocks b = TestBlocks.random(1, 1 << 20, BlockProtocol.DEFAULT_CHUNK_SIZE);
        BlockKey k = new BlockKey(1, 0, 1);
        put(k, b);
        BlockData whole = client.get(k);
        assertThat(whole.bytes()).isEqualTo(b.bytes());
        ChunkChecksums.verify(whole);

        BlockData part = client.read(k, 70_000, 4096);
        assertThat(part.offset()).isEqualTo(65536);
        assertThat(part.length()).isEqualTo(65536);
        assertThat(part.blockLength()).isEqualTo(1 << 20);
        assertThat(part.bytes()).isEqualTo(Arrays.copyOfRange(b.bytes(), 65536, 131072));
        ChunkChecksums.verify(part);
    }

    @Test
    void listVerifyAndDelete() throws Exception {
        for (long i = 0; i < 5; i++) put(new BlockKey(2, i, 1), TestBlocks.random(i, 100, 64));
        assertThat(client.list(new BlockKey(2, 1, 1), 2)).extracting(StoredBlock::key)
                .containsExactly(new BlockKey(2, 2, 1), new BlockKey(2, 3, 1));
        StoredBlock v = client.verify(new BlockKey(2, 0, 1));
        assertThat(v.length()).isEqualTo(100);

        client.delete(new BlockKey(2, 0, 1));
        client.delete(new BlockKey(2, 0, 1)); // absent: still fine
        client.delete(new BlockKey(2, 4, 1), 7); // a meta master's order (this server has no meta: no terms)
        assertThat(client.list(new BlockKey(2, 3, 1), 2)).isEmpty();
        assertThat(client.list(new BlockKey(1, Long.MAX_VALUE, 1), 2)).extracting(StoredBlock::key)
                .containsExactly(new BlockKey(2, 1, 1), new BlockKey(2, 2, 1));
    }

    @Test
    void statusReportsTheStore() throws Exception {
        put(new BlockKey(3, 0, 1), TestBlocks.random(3, 1000, 512));
        DataServerStatus s = client.status();
        assertThat(s.name()).isEqualTo("d1");
        assertThat(s.vitals().blocks()).isPositive();
        assertThat(s.vitals().capacityBytes()).isGreaterThanOrEqualTo(s.vitals().freeBytes()).isPositive();
        assertThat(s.faultInjection()).isFalse();
        assertThat(s.vitals().rebuilding()).isFalse();
    }

    @Test
    void missingAndOtherGenerations() throws Exception {
        put(new BlockKey(4, 0, 7), TestBlocks.random(4, 10, 64));
        assertThatThrownBy(() -> client.get(new BlockKey(4, 1, 7))).hasFieldOrPropertyWithValue("code", ErrorCode.BLOCK_NOT_FOUND);
        assertThatThrownBy(() -> client.get(new BlockKey(4, 0, 8))).hasFieldOrPropertyWithValue("code", ErrorCode.WRONG_GENERATION);
        HttpResponse<String> r = raw("GET", "/blocks/4/0/8");
        assertError(r, 409, ErrorCode.WRONG_GENERATION);
        assertThat(r.headers().firstValue(BlockProtocol.GENERATION)).hasValue("7");
        assertError(raw("GET", "/verify/4/0/9"), 409, ErrorCode.WRONG_GENERATION);
        assertError(raw("GET", "/verify/4/5/9"), 404, ErrorCode.BLOCK_NOT_FOUND);
    }

    @Test
    void aWrongChecksumIsRefusedAndNothingIsStored() throws Exception {
        TestBlocks b = TestBlocks.random(5, 1000, 256);
        int[] wrong = b.crcs().clone();
        wrong[0]++;
        BlockKey k = new BlockKey(5, 0, 1);
        assertThatThrownBy(() -> client.put(k, b.bytes(), b.length(), 256, wrong))
                .hasFieldOrPropertyWithValue("code", ErrorCode.CHECKSUM_MISMATCH);
        assertThatThrownBy(() -> client.get(k)).hasFieldOrPropertyWithValue("code", ErrorCode.BLOCK_NOT_FOUND);
    }

    @Test
    void malformedRequestsAreBadRequests() throws Exception {
        put(new BlockKey(6, 0, 1), TestBlocks.random(6, 100, 64));
        assertError(raw("GET", "/blocks/abc/0/1"), 400, ErrorCode.BAD_REQUEST);
        assertError(raw("GET", "/blocks/0/0/1"), 400, ErrorCode.BAD_REQUEST);
        assertError(raw("GET", "/blocks/6/0/1?offset=99999999999"), 400, ErrorCode.BAD_REQUEST);
        assertError(raw("GET", "/blocks/6/0/1?offset=-1"), 400, ErrorCode.BAD_REQUEST);
        assertError(raw("GET", "/blocks/6/0/1?offset=101"), 400, ErrorCode.BAD_REQUEST);
        assertError(raw("GET", "/blocks/6/0/1?length=x"), 400, ErrorCode.BAD_REQUEST);
        assertError(raw("DELETE", "/blocks/6/0/1?term=-1"), 400, ErrorCode.BAD_REQUEST);
        assertError(raw("DELETE", "/blocks/6/0/1?term=x"), 400, ErrorCode.BAD_REQUEST);
        assertThat(client.verify(new BlockKey(6, 0, 1)).length()).isEqualTo(100); // still there
        assertError(raw("GET", "/blocks?after=1/2&limit=3"), 400, ErrorCode.BAD_REQUEST);
        assertError(raw("GET", "/blocks?limit=0"), 400, ErrorCode.BAD_REQUEST);
        assertError(raw("DELETE", "/blocks/x/0/1"), 400, ErrorCode.BAD_REQUEST);
        assertError(raw("PUT", "/blocks/6/1/1"), 400, ErrorCode.BAD_REQUEST); // no chunk size header
    }

    @Test
    void unknownPathsAndWrongMethods() throws Exception {
        assertError(raw("GET", "/nope"), 404, ErrorCode.UNKNOWN_METHOD);
        assertError(raw("GET", "/blocks/1/2"), 404, ErrorCode.UNKNOWN_METHOD);
        // A whole file's copies are deleted only on meta's freed records: there is no such request.
        assertError(raw("DELETE", "/blocks/6?from=0"), 404, ErrorCode.UNKNOWN_METHOD);
        HttpResponse<String> r = raw("POST", "/blocks/1/0/1");
        assertError(r, 405, ErrorCode.UNKNOWN_METHOD);
        assertThat(r.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("PUT", "GET", "DELETE"));
        assertError(raw("DELETE", "/status"), 405, ErrorCode.UNKNOWN_METHOD);
    }

    @Test
    void aBodyShorterThanItsLengthStoresNothing() throws Exception {
        TestBlocks b = TestBlocks.random(7, 1000, 1000);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT /blocks/7/0/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n" + BlockProtocol.CHUNK_SIZE
                    + ": 1000\r\n" + BlockProtocol.CHUNK_CRCS + ": " + BlockProtocol.crcList(b.crcs()) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(b.bytes(), 0, 500);
            out.flush();
            s.shutdownOutput(); // the client dies mid-body
            s.getInputStream().readAllBytes();
        }
        assertThatThrownBy(() -> client.get(new BlockKey(7, 0, 1))).hasFieldOrPropertyWithValue("code", ErrorCode.BLOCK_NOT_FOUND);
    }

    @Test
    void aDeclaredBodyOverTheCapIs413() throws Exception {
        String response = rawExchange("PUT /blocks/8/0/1 HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + (BlockProtocol.MAX_BLOCK_SIZE + 1) + "\r\n" + BlockProtocol.CHUNK_SIZE + ": 65536\r\n\r\n", null);
        assertThat(response).startsWith("HTTP/1.1 413").contains(BlockProtocol.ERROR + ": TOO_LARGE");
    }

    @Test
    void aChunkedBodyOverTheCapIs413() throws Exception {
        byte[] chunk = new byte[1 << 20];
        String response = rawExchange("PUT /blocks/8/1/1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + BlockProtocol.CHUNK_SIZE + ": 65536\r\n\r\n", out -> {
            for (int i = 0; i < 20; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(response).startsWith("HTTP/1.1 413").contains(BlockProtocol.ERROR + ": TOO_LARGE");
        assertThatThrownBy(() -> client.get(new BlockKey(8, 1, 1))).hasFieldOrPropertyWithValue("code", ErrorCode.BLOCK_NOT_FOUND);
    }

    @Test
    void errorsJettyRaisesItselfAreCodedTextToo() throws Exception {
        String response = rawExchange("GET /blocks/%zz/0/1 HTTP/1.1\r\nHost: x\r\n\r\n", null);
        assertThat(response).startsWith("HTTP/1.1 400").contains(BlockProtocol.ERROR + ": BAD_REQUEST")
                .doesNotContain("<html");
    }

    interface BodyWriter {
        void write(OutputStream out) throws Exception;
    }

    /** Sends a request by hand and returns the response head; the server may close before the body is all sent. */
    private String rawExchange(String head, BodyWriter body) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                try {
                    body.write(out);
                } catch (java.io.IOException closedEarly) {
                    // expected: the server answered 413 and closed; the answer is read below
                    assertThat(closedEarly).isInstanceOf(java.net.SocketException.class);
                }
            }
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            int n = in.read(buf);
            return new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aPutWithAFormContentTypeStaysBytes() throws Exception {
        byte[] bytes = "a=1&b=2".getBytes(StandardCharsets.US_ASCII);
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + server.address() + "/blocks/9/0/1"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(BlockProtocol.CHUNK_SIZE, "64")
                .header(BlockProtocol.CHUNK_CRCS, BlockProtocol.crcList(ChunkChecksums.compute(bytes, 0, bytes.length, 64)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        assertThat(http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
        assertThat(client.get(new BlockKey(9, 0, 1)).bytes()).isEqualTo(bytes);
    }

    @Test
    void faultInjectionIsRefusedUnlessEnabled() throws Exception {
        put(new BlockKey(10, 0, 1), TestBlocks.random(10, 100, 64));
        assertThatThrownBy(() -> client.corrupt(new BlockKey(10, 0, 1), 5))
                .hasFieldOrPropertyWithValue("code", ErrorCode.FAULT_INJECTION_DISABLED);
        assertError(raw("POST", "/fault/corrupt/10/0/1?offset=5"), 403, ErrorCode.FAULT_INJECTION_DISABLED);
        client.verify(new BlockKey(10, 0, 1));
    }

    @Test
    void failingPutsFromTheFaultHooks() throws Exception {
        DataServerFaults.failNextPuts("d1", 1);
        TestBlocks b = TestBlocks.random(11, 100, 64);
        assertThatThrownBy(() -> put(new BlockKey(11, 0, 1), b)).hasFieldOrPropertyWithValue("code", ErrorCode.IO_ERROR);
        put(new BlockKey(11, 0, 1), b);
        assertThat(client.get(new BlockKey(11, 0, 1)).bytes()).isEqualTo(b.bytes());
    }
}
