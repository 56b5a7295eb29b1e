package org.ringfs.e2e.webdav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.webdav.auth.UsersFile;
import org.ringfs.webdav.lock.InMemoryLockStore;
import org.ringfs.webdav.server.FrontSettings;
import org.ringfs.webdav.server.WebDavFront;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WebDAV front in this JVM over a real cluster (five data server processes): bytes in and out
 * over HTTP, listings, copies and moves, and who may enter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WebDavFrontTest {
    static final int BLOCK = 64 * 1024;
    static final String USER = "tester";
    static final String PASSWORD = "correct horse battery";

    Path dir;

    MiniRingFsCluster cluster;
    RingFsClient fs;
    WebDavFront front;
    DavClient dav;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(5).blockSize(BLOCK).processes(true).build();
        dir = cluster.root();
        Path users = dir.resolve("webdav.users");
        fs = cluster.client();
        UsersFile.put(users, USER, PASSWORD.toCharArray());
        front = WebDavFront.start(fs, new InMemoryLockStore(), new FrontSettings(
                new InetSocketAddress("127.0.0.1", 0), users, false, true, null, null));
        dav = new DavClient(front.url(), USER, PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (front != null) front.close();
        if (cluster != null) cluster.close();
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aDownloadInProgressKeepsItsBytesWhileAPutReplacesTheFile() throws Exception {
        byte[] before = random(320 * BLOCK, 7); // 20 MiB: more than the socket buffers hold, so the GET is still streaming
        assertThat(dav.put("/replaced-while-read.bin", before)).isEqualTo(201);
        java.net.HttpURLConnection c = (java.net.HttpURLConnection)
                java.net.URI.create(front.url() + "replaced-while-read.bin").toURL().openConnection();
        c.setRequestProperty("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        byte[] after = random(5 * BLOCK, 8);
        byte[] got = new byte[before.length];
        try (java.io.InputStream in = c.getInputStream()) {
            int first = in.readNBytes(got, 0, BLOCK);
            assertThat(dav.put("/replaced-while-read.bin", after)).isEqualTo(204); // a new inode renamed over it
            Thread.sleep(3000); // freed-record sweeps: nothing of the old inode may go while it is read
            assertThat(first + in.readNBytes(got, first, got.length - first)).isEqualTo(before.length);
        }
        assertThat(DavClient.sha256(got)).isEqualTo(DavClient.sha256(before));
        assertThat(DavClient.sha256(dav.get("/replaced-while-read.bin").body())).isEqualTo(DavClient.sha256(after));
    }

    @Test
    void aDownloadInProgressKeepsItsBytesWhileADeleteRemovesTheFile() throws Exception {
        byte[] before = random(320 * BLOCK, 9); // 20 MiB: the GET is still streaming when the DELETE comes
        assertThat(dav.put("/deleted-while-read.bin", before)).isEqualTo(201);
        java.net.HttpURLConnection c = (java.net.HttpURLConnection)
                java.net.URI.create(front.url() + "deleted-while-read.bin").toURL().openConnection();
        c.setRequestProperty("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        byte[] got = new byte[before.length];
        try (java.io.InputStream in = c.getInputStream()) {
            int first = in.readNBytes(got, 0, BLOCK);
            assertThat(dav.method("DELETE", "/deleted-while-read.bin").statusCode()).isEqualTo(204);
            assertThat(dav.get("/deleted-while-read.bin").statusCode()).isEqualTo(404);
            Thread.sleep(3000); // freed-record sweeps: nothing of the orphan may go while it is read
            assertThat(first + in.readNBytes(got, first, got.length - first)).isEqualTo(before.length);
        }
        assertThat(DavClient.sha256(got)).isEqualTo(DavClient.sha256(before));
    }

    @Test
    void concurrentPutsOfOneFileNeverInterleaveTheirBytes() throws Exception {
        // Each body is one byte value over several blocks: any mix of two shows as a second value.
        int writers = 6;
        java.util.List<byte[]> bodies = new java.util.ArrayList<>();
        for (int w = 0; w < writers; w++) {
            byte[] body = new byte[3 * BLOCK + 1000 * (w + 1)];
            Arrays.fill(body, (byte) ('A' + w));
            bodies.add(body);
        }
        for (int round = 0; round < 2; round++) {
            java.util.List<java.util.concurrent.CompletableFuture<Integer>> puts = new java.util.ArrayList<>();
            for (byte[] body : bodies) {
                puts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return dav.put("/contended.bin", body);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (var put : puts) assertThat(put.get(60, TimeUnit.SECONDS)).isIn(201, 204);
            byte[] got = dav.get("/contended.bin").body();
            assertThat(bodies).as("round %d: the file is exactly one of the PUT bodies", round)
                    .anySatisfy(body -> assertThat(got).isEqualTo(body));
        }
    }

    @Test
    void aPathOfPathMaxBytesWorksEvenPercentEncoded() throws Exception {
        // 16 names of 255 bytes (127 two-byte é and an x): 4,095 bytes below the root, 12,200 characters encoded.
        String name = "%C3%A9".repeat(127) + "x";
        StringBuilder path = new StringBuilder();
        for (int level = 0; level < 15; level++) {
            path.append('/').append(name);
            assertThat(dav.method("MKCOL", path.toString()).statusCode()).as("MKCOL level %d", level).isEqualTo(201);
        }
        String file = path + "/" + name;
        byte[] data = random(BLOCK + 3, 9);
        assertThat(dav.put(file, data)).isEqualTo(201);
        assertThat(dav.get(file).body()).isEqualTo(data);
        assertThat(dav.propfind(path.toString(), "1").statusCode()).isEqualTo(207);
        String moved = path + "/" + "%C3%A9".repeat(126) + "xyz";
        assertThat(dav.method("MOVE", file, "Destination", dav.url(moved)).statusCode()).isEqualTo(201);
        assertThat(dav.get(moved).body()).isEqualTo(data);
        String stored = java.net.URLDecoder.decode(moved, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(4096); // with the root's '/'
        assertThat(fs.stat(stored).size()).isEqualTo(data.length);
    }

    @Test
    void aMultiBlockFileComesBackWithTheSameSha256() throws Exception {
        byte[] data = random(40 * BLOCK + 12345, 1);
        assertThat(dav.put("/round-trip.bin", data)).isEqualTo(201);
        HttpResponse<byte[]> got = dav.get("/round-trip.bin");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(DavClient.sha256(got.body())).isEqualTo(DavClient.sha256(data));
        assertThat(got.headers().firstValue("ETag")).isPresent();

        byte[] replacement = random(3 * BLOCK + 1, 2);
        assertThat(dav.putChunked("/round-trip.bin", () -> new ByteArrayInputStream(replacement))).isEqualTo(204);
        assertThat(DavClient.sha256(dav.get("/round-trip.bin").body())).isEqualTo(DavClient.sha256(replacement));
    }

    @Test
    void aRangeGetSendsOnlyThatRange() throws Exception {
        byte[] data = random(5 * BLOCK, 3);
        dav.put("/range.bin", data);
        HttpResponse<byte[]> part = dav.get("/range.bin", "Range", "bytes=70000-140099");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 70000-140099/" + data.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 70000, 140100));

        String etag = part.headers().firstValue("ETag").orElseThrow();
        assertThat(dav.get("/range.bin", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void propfindAtDepthOneListsTheMembers() throws Exception {
        assertThat(dav.method("MKCOL", "/listed").statusCode()).isEqualTo(201);
        dav.put("/listed/one.txt", "one".getBytes());
        dav.put("/listed/two%20words.txt", "two!".getBytes());
        assertThat(dav.method("MKCOL", "/listed/sub").statusCode()).isEqualTo(201);

        HttpResponse<String> listing = dav.propfind("/listed/", "1");
        assertThat(listing.statusCode()).isEqualTo(207);
        assertThat(listing.body()).contains("<D:href>/listed/</D:href>", "<D:href>/listed/one.txt</D:href>",
                "<D:href>/listed/two%20words.txt</D:href>", "<D:href>/listed/sub/</D:href>",
                "<D:getcontentlength>4</D:getcontentlength>", "<D:collection/>");
        assertThat(dav.propfind("/listed/", "0").body()).doesNotContain("one.txt");
        assertThat(dav.propfind("/listed/", "infinity").statusCode()).isEqualTo(403);
    }

    @Test
    void copyAndMoveStayOnThisServer() throws Exception {
        byte[] data = random(2 * BLOCK + 7, 4);
        dav.put("/original.bin", data);
        assertThat(dav.method("COPY", "/original.bin", "Destination", dav.url("/copy.bin")).statusCode()).isEqualTo(201);
        assertThat(dav.method("MOVE", "/copy.bin", "Destination", dav.url("/moved.bin")).statusCode()).isEqualTo(201);
        assertThat(dav.get("/copy.bin").statusCode()).isEqualTo(404);
        assertThat(dav.get("/moved.bin").body()).isEqualTo(data);
        assertThat(dav.get("/original.bin").body()).isEqualTo(data);

        assertThat(dav.method("COPY", "/original.bin", "Destination", dav.url("/moved.bin"), "Overwrite", "F")
                .statusCode()).isEqualTo(412);
        assertThat(dav.method("MOVE", "/original.bin", "Destination", "http://elsewhere.example/x.bin")
                .statusCode()).isEqualTo(502);
    }

    @Test
    void aPutWithAFormContentTypeKeepsItsBytes() throws Exception {
        byte[] body = "name=value&other=thing%20x".getBytes();
        HttpResponse<byte[]> put = dav.send(dav.request("/form.txt").header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(dav.get("/form.txt").body()).isEqualTo(body);
    }

    @Test
    void noCredentialsOrWrongOnesAreRefused() throws Exception {
        HttpResponse<byte[]> anonymous = new DavClient(front.url(), null, null).get("/");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic"))
                .anyMatch(v -> v.startsWith("Digest"));
        assertThat(new DavClient(front.url(), USER, "wrong password").get("/").statusCode()).isEqualTo(401);
        assertThat(new DavClient(front.url(), null, null).method("OPTIONS", "/").headers().firstValue("DAV"))
                .hasValue("1, 2");
    }

    @Test
    void aFrontNobodyCouldEnterRefusesToStart() {
        assertThatThrownBy(() -> WebDavFront.start(fs, new InMemoryLockStore(), new FrontSettings(
                new InetSocketAddress("127.0.0.1", 0), dir.resolve("no-such-users"), false, true, null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--anonymous");
    }
}
