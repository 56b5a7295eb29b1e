package org.ringfs.e2e.webdav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.MetaService;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.webdav.auth.UsersFile;
import org.ringfs.webdav.lock.MetaLockStore;
import org.ringfs.webdav.server.FrontSettings;
import org.ringfs.webdav.server.WebDavFront;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one WebDAV request costs meta (issue 13: the front's small creates and deletes trailed the
 * client's). Meta's calls are counted on the wire the front's client and lock store use (a
 * MetaService wrapper) over a real cluster, locks kept in meta as the running front keeps them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DavRequestCostTest {
    static final String USER = "tester";
    static final String PASSWORD = "cost counter";

    MiniRingFsCluster cluster;
    WebDavFront front;
    DavClient dav;
    final Map<String, Integer> calls = new TreeMap<>();

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(3).build();
        RingFsClient fs = cluster.clientThrough(this::counting);
        Path users = cluster.root().resolve("webdav.users");
        UsersFile.put(users, USER, PASSWORD.toCharArray());
        front = WebDavFront.start(fs, new MetaLockStore(fs.meta()), new FrontSettings(
                new InetSocketAddress("127.0.0.1", 0), users, false, true, null, null));
        dav = new DavClient(front.url(), USER, PASSWORD);
        assertThat(dav.method("MKCOL", "/d/").statusCode()).isEqualTo(201);
    }

    @AfterAll
    void stop() throws Exception {
        if (front != null) front.close();
        if (cluster != null) cluster.close();
    }

    @BeforeEach
    void forgetCalls() {
        synchronized (calls) {
            calls.clear();
        }
    }

    MetaService counting(MetaService meta) {
        return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[] {MetaService.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == MetaService.class) {
                        synchronized (calls) {
                            calls.merge(method.getName(), 1, Integer::sum);
                        }
                    }
                    try {
                        return method.invoke(meta, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    Map<String, Integer> callsOf(String... names) {
        Map<String, Integer> out = new TreeMap<>();
        synchronized (calls) {
            for (String n : names) out.put(n, calls.getOrDefault(n, 0));
        }
        return out;
    }

    /**
     * Before, the hidden upload file was truncated to the 0 bytes it had (a synced meta write), its
     * empty table read, and the lock check stat the target to learn whether the PUT creates it.
     */
    @Test
    void aNewFilesPutIsACreateACommitAndARenameWithThreeStats() throws Exception {
        assertThat(dav.put("/d/new.txt", "hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(201);
        assertThat(callsOf("createHeld", "commit", "rename", "truncate", "blocks", "stat", "locks")).isEqualTo(Map.of(
                "createHeld", 1, "commit", 1, "rename", 1, "truncate", 0, "blocks", 0,
                "stat", 3, // the target and its folder for the PUT's checks, the stored file for its ETag
                "locks", 1)); // the target and its folder together
        assertThat(dav.get("/d/new.txt").body()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
    }

    /**
     * Before, the lock check asked meta about the deleted file and then about its folder: two
     * queries, where one for the locks covering the folder or below it answers both.
     */
    @Test
    void aDeleteAsksMetaForLocksOnceForTheFileAndItsFolder() throws Exception {
        assertThat(dav.put("/d/gone.txt", "bye".getBytes(StandardCharsets.UTF_8))).isEqualTo(201);
        forgetCalls();
        assertThat(dav.method("DELETE", "/d/gone.txt").statusCode()).isEqualTo(204);
        assertThat(callsOf("locks", "unlink")).isEqualTo(Map.of("locks", 1, "unlink", 1));
        assertThat(dav.get("/d/gone.txt").statusCode()).isEqualTo(404);
    }

    /** The one query still finds every lock in the way, and only those: a sibling's lock is not. */
    @Test
    void aDeleteIsRefusedByALockOnTheFileOrOnItsFolderAndNotByASiblings() throws Exception {
        assertThat(dav.method("MKCOL", "/guarded/").statusCode()).isEqualTo(201);
        for (String f : List.of("a", "b", "c")) assertThat(dav.put("/guarded/" + f, new byte[] {1})).isEqualTo(201);
        String onA = lock("/guarded/a", "0");
        assertThat(dav.method("DELETE", "/guarded/b").statusCode()).as("a sibling's lock").isEqualTo(204);
        assertThat(dav.method("DELETE", "/guarded/a").statusCode()).as("its own lock").isEqualTo(423);
        assertThat(dav.method("UNLOCK", "/guarded/a", "Lock-Token", onA).statusCode()).isEqualTo(204);
        String onFolder = lock("/guarded/", "0");
        assertThat(dav.method("DELETE", "/guarded/c").statusCode()).as("its folder's depth-0 lock").isEqualTo(423);
        assertThat(dav.method("DELETE", "/guarded/c", "If", "</guarded/> (" + onFolder + ")").statusCode()).isEqualTo(204);
        assertThat(dav.method("UNLOCK", "/guarded/", "Lock-Token", onFolder).statusCode()).isEqualTo(204);
        assertThat(dav.get("/guarded/a").statusCode()).isEqualTo(200);
        assertThat(dav.get("/guarded/c").statusCode()).isEqualTo(404);
    }

    private String lock(String path, String depth) throws Exception {
        HttpResponse<byte[]> lock = dav.send(dav.request(path).header("Content-Type", "application/xml")
                .header("Depth", depth).header("Timeout", "Second-600")
                .method("LOCK", HttpRequest.BodyPublishers.ofString(SharedLocksTest.EXCLUSIVE_LOCK)).build());
        assertThat(lock.statusCode()).isEqualTo(200);
        return lock.headers().firstValue("Lock-Token").orElseThrow();
    }

    /** Before, every member's lockdiscovery asked meta on its own: 21 lock queries for 20 files. */
    @Test
    void aFolderListingWithItsLocksAsksMetaForLocksOnce() throws Exception {
        assertThat(dav.method("MKCOL", "/listed/").statusCode()).isEqualTo(201);
        for (int i = 0; i < 20; i++) assertThat(dav.put("/listed/f" + i, new byte[] {(byte) i})).isEqualTo(201);
        HttpResponse<byte[]> lock = dav.send(dav.request("/listed/f7").header("Content-Type", "application/xml")
                .header("Timeout", "Second-600")
                .method("LOCK", HttpRequest.BodyPublishers.ofString(SharedLocksTest.EXCLUSIVE_LOCK)).build());
        assertThat(lock.statusCode()).isEqualTo(200);
        String token = lock.headers().firstValue("Lock-Token").orElseThrow();
        forgetCalls();
        HttpResponse<byte[]> listing = dav.send(dav.request("/listed/").header("Depth", "1")
                .header("Content-Type", "application/xml")
                .method("PROPFIND", HttpRequest.BodyPublishers.ofString(
                        "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>")).build());
        assertThat(listing.statusCode()).isEqualTo(207);
        assertThat(callsOf("locks")).isEqualTo(Map.of("locks", 1));
        String xml = new String(listing.body(), StandardCharsets.UTF_8);
        String bare = token.replaceAll("[<>]", "");
        // The lock shows on its file alone, as a query per member showed it.
        List<String> responses = java.util.Arrays.stream(xml.split("</D:response>")).filter(r -> r.contains("<D:href>")).toList();
        assertThat(responses).hasSize(21); // the folder and its 20 files
        for (String response : responses) {
            assertThat(response.contains(bare)).as(response).isEqualTo(response.contains("/listed/f7</D:href>"));
        }
        assertThat(responses.stream().filter(r -> r.contains(bare))).hasSize(1);
        assertThat(dav.method("UNLOCK", "/listed/f7", "Lock-Token", token).statusCode()).isEqualTo(204);
    }

    /**
     * A depth-0 lock on a folder guards its membership, not its members' bytes (RFC 4918 7.1): a PUT
     * that would add a member needs the token, one that rewrites an existing member does not.
     */
    @Test
    void aFolderLockedAtDepthZeroRefusesNewMembersButNotRewrites() throws Exception {
        assertThat(dav.method("MKCOL", "/locked/").statusCode()).isEqualTo(201);
        assertThat(dav.put("/locked/kept.txt", "v1".getBytes(StandardCharsets.UTF_8))).isEqualTo(201);
        HttpResponse<byte[]> lock = dav.send(dav.request("/locked/").header("Content-Type", "application/xml")
                .header("Depth", "0").header("Timeout", "Second-600")
                .method("LOCK", HttpRequest.BodyPublishers.ofString(SharedLocksTest.EXCLUSIVE_LOCK)).build());
        assertThat(lock.statusCode()).isEqualTo(200);
        String token = lock.headers().firstValue("Lock-Token").orElseThrow();

        assertThat(dav.put("/locked/new.txt", "v1".getBytes(StandardCharsets.UTF_8))).isEqualTo(423);
        assertThat(dav.put("/locked/kept.txt", "v2".getBytes(StandardCharsets.UTF_8))).isEqualTo(204);
        assertThat(dav.method("MKCOL", "/locked/sub/").statusCode()).isEqualTo(423);
        assertThat(dav.get("/locked/new.txt").statusCode()).isEqualTo(404);
        assertThat(dav.get("/locked/kept.txt").body()).asString(StandardCharsets.UTF_8).isEqualTo("v2");
        assertThat(dav.method("UNLOCK", "/locked/", "Lock-Token", token).statusCode()).isEqualTo(204);
        assertThat(dav.put("/locked/new.txt", "v1".getBytes(StandardCharsets.UTF_8))).isEqualTo(201);
    }
}
