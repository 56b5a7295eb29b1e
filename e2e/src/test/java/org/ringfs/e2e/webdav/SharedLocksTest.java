package org.ringfs.e2e.webdav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.webdav.auth.UsersFile;
import org.ringfs.webdav.lock.MetaLockStore;
import org.ringfs.webdav.server.FrontSettings;
import org.ringfs.webdav.server.WebDavFront;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Locks live in meta: two fronts over one cluster see each other's locks, and a lock outlives the
 * front that granted it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SharedLocksTest {
    static final String USER = "locker";
    static final String PASSWORD = "shared lock pass";
    static final String EXCLUSIVE_LOCK = "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\">"
            + "<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
            + "<D:owner>front test</D:owner></D:lockinfo>";

    MiniRingFsCluster cluster;
    RingFsClient fs;
    Path users;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(3).blockSize(64 * 1024).processes(false).build();
        users = cluster.root().resolve("webdav.users");
        UsersFile.put(users, USER, PASSWORD.toCharArray());
        fs = cluster.client();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    WebDavFront front() throws Exception {
        return WebDavFront.start(fs, new MetaLockStore(cluster.metaService()),
                new FrontSettings(new InetSocketAddress("127.0.0.1", 0), users, false, true, null, null));
    }

    static String lock(DavClient dav, String path) throws Exception {
        HttpResponse<byte[]> r = dav.send(dav.request(path).header("Content-Type", "application/xml")
                .header("Timeout", "Second-600").method("LOCK", HttpRequest.BodyPublishers.ofString(EXCLUSIVE_LOCK)).build());
        assertThat(r.statusCode()).isIn(200, 201);
        String header = r.headers().firstValue("Lock-Token").orElseThrow();
        return header.substring(1, header.length() - 1);
    }

    static int putWithIf(DavClient dav, String path, String ifHeader) throws Exception {
        HttpRequest.Builder b = dav.request(path).PUT(HttpRequest.BodyPublishers.ofString("saved"));
        if (ifHeader != null) b.header("If", ifHeader);
        return dav.send(b.build()).statusCode();
    }

    @Test
    void twoFrontsSeeEachOthersLocks() throws Exception {
        try (WebDavFront a = front(); WebDavFront b = front()) {
            DavClient viaA = new DavClient(a.url(), USER, PASSWORD);
            DavClient viaB = new DavClient(b.url(), USER, PASSWORD);
            assertThat(viaA.put("/shared.txt", "v1".getBytes())).isEqualTo(201);
            String token = lock(viaA, "/shared.txt");

            assertThat(putWithIf(viaB, "/shared.txt", null)).isEqualTo(423);
            HttpResponse<byte[]> second = viaB.send(viaB.request("/shared.txt").header("Content-Type", "application/xml")
                    .method("LOCK", HttpRequest.BodyPublishers.ofString(EXCLUSIVE_LOCK)).build());
            assertThat(second.statusCode()).isEqualTo(423);
            assertThat(viaB.propfind("/shared.txt", "0").body()).contains(token);
            assertThat(putWithIf(viaB, "/shared.txt", "(<" + token + ">)")).isEqualTo(204);

            assertThat(viaB.method("UNLOCK", "/shared.txt", "Lock-Token", "<" + token + ">").statusCode()).isEqualTo(204);
            assertThat(putWithIf(viaA, "/shared.txt", null)).isEqualTo(204);
        }
    }

    @Test
    void aLockOutlivesTheFrontThatGrantedIt() throws Exception {
        String token;
        try (WebDavFront first = front()) {
            DavClient dav = new DavClient(first.url(), USER, PASSWORD);
            assertThat(dav.put("/kept.txt", "v1".getBytes())).isEqualTo(201);
            token = lock(dav, "/kept.txt");
        }
        try (WebDavFront restarted = front()) {
            DavClient dav = new DavClient(restarted.url(), USER, PASSWORD);
            assertThat(putWithIf(dav, "/kept.txt", null)).isEqualTo(423);
            assertThat(dav.propfind("/kept.txt", "0").body()).contains(token, "front test");
            assertThat(dav.method("UNLOCK", "/kept.txt", "Lock-Token", "<" + token + ">").statusCode()).isEqualTo(204);
            assertThat(putWithIf(dav, "/kept.txt", null)).isEqualTo(204);
        }
    }
}
