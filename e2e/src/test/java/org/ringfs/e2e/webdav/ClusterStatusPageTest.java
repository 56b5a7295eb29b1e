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

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster status page of a front over a real cluster (five data server processes): it wants a
 * login, also from a front open to anonymous users; it shows every data server and the meta, the
 * ring, and a data server that dies as down and among the last errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterStatusPageTest {
    static final String USER = "operator";
    static final String PASSWORD = "status page password";

    MiniRingFsCluster cluster;
    RingFsClient fs;
    WebDavFront front;
    WebDavFront anonymousFront;
    Path users;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(5).blockSize(64 * 1024).processes(true).build();
        users = cluster.root().resolve("webdav.users");
        fs = cluster.client();
        UsersFile.put(users, USER, PASSWORD.toCharArray());
        front = WebDavFront.start(fs, new InMemoryLockStore(), new FrontSettings(
                new InetSocketAddress("127.0.0.1", 0), users, false, true, null, null));
        anonymousFront = WebDavFront.start(fs, new InMemoryLockStore(), new FrontSettings(
                new InetSocketAddress("127.0.0.1", 0), users, true, true, null, null));
    }

    @AfterAll
    void stop() throws Exception {
        if (front != null) front.close();
        if (anonymousFront != null) anonymousFront.close();
        if (cluster != null) cluster.close();
    }

    /** SIGKILLs a data server and returns once meta counts it down. */
    static void crashAndAwaitDown(MiniRingFsCluster cluster, String name) {
        cluster.crash(name);
        MiniRingFsCluster.waitUntil(() -> {
            try {
                return !cluster.isAliveInMeta(name);
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30));
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void theStatusPageWantsALoginEvenWhereTheDriveIsOpen() throws Exception {
        assertThat(new DavClient(front.url(), null, null).get("/?status").statusCode()).isEqualTo(401);
        assertThat(new DavClient(front.url(), USER, "wrong").get("/?status").statusCode()).isEqualTo(401);
        // A front open to anonymous users serves the drive without a login, but not the cluster's status.
        DavClient nobody = new DavClient(anonymousFront.url(), null, null);
        assertThat(nobody.get("/", "Accept", BrowserPageTest.HTML).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> refused = nobody.get("/?status", "Accept", BrowserPageTest.HTML);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("WWW-Authenticate")).isNotEmpty();
        assertThat(body(refused)).doesNotContain("data-1");
        assertThat(new DavClient(anonymousFront.url(), USER, PASSWORD).get("/?status").statusCode()).isEqualTo(200);
    }

    @Test
    void theStatusPageShowsTheLiveClusterAndAServerThatDies() throws Exception {
        DavClient dav = new DavClient(front.url(), USER, PASSWORD);
        assertThat(dav.put("/some-data.bin", BrowserPageTest.random(2 * 1024 * 1024, 9))).isEqualTo(201);
        // A third copy slower than the straggler wait is left to repair (the write counts two of three); a busy
        // machine makes one now and then, so the page is read once repair has brought every third copy.
        MiniRingFsCluster.waitUntil(() -> {
            try {
                return cluster.clusterMap().underReplicatedBlocks() == 0;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60));
        Thread.sleep(1100); // the watch answers a second from one look
        HttpResponse<byte[]> got = dav.get("/?status", "Accept", BrowserPageTest.HTML);
        String html = body(got);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("default-src 'none'");
        assertThat(got.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-store");
        assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"5\">").contains("<meta name=\"viewport\"")
                .contains("5 of 5</b> data servers alive").contains("0</b> under-replicated blocks")
                .contains(cluster.clusterMap().clusterId()).contains("<svg class=\"ring\"").contains("5 servers, 3 copies")
                .contains("master").doesNotContain("<script");
        for (String name : cluster.dataServerNames()) assertThat(html).contains("<tr><td>" + name + "</td>");
        // the folder page links it
        assertThat(body(dav.get("/", "Accept", BrowserPageTest.HTML))).contains("href=\"/?status\"");

        String victim = cluster.dataServerNames().get(4);
        crashAndAwaitDown(cluster, victim);
        Thread.sleep(1100); // the watch answers a second from one look
        html = body(dav.get("/?status", "Accept", BrowserPageTest.HTML));
        assertThat(html).contains("4 of 5</b> data servers alive").contains("<td class=\"bad\">DOWN")
                .contains(victim + " is down: meta has had no heartbeat from it");
        cluster.start(victim);
    }
}
