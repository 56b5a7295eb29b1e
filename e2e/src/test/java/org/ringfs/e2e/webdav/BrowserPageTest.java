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

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drive in a browser, over HTTP against a real cluster (five data server processes): the
 * folder page, a multi-MiB upload through multipart/form-data, new folder, rename and delete;
 * forged forms refused with nothing changed; WebDAV clients still answered with WebDAV.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BrowserPageTest {
    static final String USER = "tester";
    static final String PASSWORD = "correct horse battery";
    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"; // a browser's Accept
    static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([A-Za-z0-9_-]+)\"");

    MiniRingFsCluster cluster;
    RingFsClient fs;
    WebDavFront front;
    DavClient dav;
    String origin;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(5).blockSize(64 * 1024).processes(true).build();
        Path users = cluster.root().resolve("webdav.users");
        fs = cluster.client();
        UsersFile.put(users, USER, PASSWORD.toCharArray());
        front = WebDavFront.start(fs, new InMemoryLockStore(), new FrontSettings(
                new InetSocketAddress("127.0.0.1", 0), users, false, true, null, null));
        dav = new DavClient(front.url(), USER, PASSWORD);
        origin = front.url().substring(0, front.url().length() - 1);
    }

    @AfterAll
    void stop() throws Exception {
        if (front != null) front.close();
        if (cluster != null) cluster.close();
    }

    HttpResponse<byte[]> page(String path) throws Exception {
        return dav.get(path, "Accept", HTML);
    }

    String token(String folder) throws Exception {
        Matcher m = TOKEN.matcher(new String(page(folder).body(), StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    HttpResponse<byte[]> form(String folder, String body, String originHeader) throws Exception {
        HttpRequest.Builder b = dav.request(folder).header("Accept", HTML)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (originHeader != null) b.header("Origin", originHeader);
        return dav.send(b.build());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static byte[] multipart(String boundary, String token, String... namesAndSizes) {
        return multipart(boundary, token, false, namesAndSizes);
    }

    /** A form as a browser sends it: the token, "replace" when ticked, then the files (seeded by their index). */
    static byte[] multipart(String boundary, String token, boolean replace, String... namesAndSizes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (token != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n" + token + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (replace) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"replace\"\r\n\r\n1\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < namesAndSizes.length; i += 2) {
            byte[] data = random(Integer.parseInt(namesAndSizes[i + 1]), i);
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + namesAndSizes[i]
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(data);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    HttpResponse<byte[]> upload(String folder, byte[] body, String boundary, String originHeader) throws Exception {
        HttpRequest.Builder b = dav.request(folder + "?op=upload").header("Accept", HTML)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (originHeader != null) b.header("Origin", originHeader);
        return dav.send(b.build());
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aBrowserGetsAPageListingTheFolderFoldersFirst() throws Exception {
        assertThat(dav.method("MKCOL", "/listed").statusCode()).isEqualTo(201);
        assertThat(dav.method("MKCOL", "/listed/zz-sub").statusCode()).isEqualTo(201);
        assertThat(dav.put("/listed/a%20%3Cscript%3E.txt", random(3000, 1))).isEqualTo(201);
        HttpResponse<byte[]> got = page("/listed/");
        String html = new String(got.body(), StandardCharsets.UTF_8);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(got.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("default-src 'none'");
        assertThat(html).contains("zz-sub/").contains("a &lt;script&gt;.txt").contains("2.9 KiB").contains(" free of ")
                .doesNotContain("<script");
        assertThat(html.indexOf("zz-sub/")).isLessThan(html.indexOf("a &lt;script&gt;.txt"));
        assertThat(html).contains("href=\"/listed/a%20%3Cscript%3E.txt\"");
        // without the slash too
        assertThat(page("/listed").statusCode()).isEqualTo(200);
        // the confirmation step shows a form and changes nothing
        HttpResponse<byte[]> confirm = page("/listed/?confirm=delete&name=" + enc("a <script>.txt"));
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(new String(confirm.body(), StandardCharsets.UTF_8)).contains("name=\"op\" value=\"delete\"");
        assertThat(dav.get("/listed/a%20%3Cscript%3E.txt").statusCode()).isEqualTo(200);
        // a file opened in a browser is the file, sandboxed
        HttpResponse<byte[]> file = page("/listed/a%20%3Cscript%3E.txt");
        assertThat(file.body()).isEqualTo(random(3000, 1));
        assertThat(file.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
    }

    @Test
    void webDavClientsStillGetWebDav() throws Exception {
        assertThat(dav.method("MKCOL", "/dav-only").statusCode()).isEqualTo(201);
        HttpResponse<byte[]> plain = dav.get("/dav-only/");
        // what a GET of a collection has always answered (Milton's), not the page
        assertThat(plain.statusCode()).isEqualTo(501);
        assertThat(new String(plain.body(), StandardCharsets.UTF_8))
                .isEqualTo("<html><body><h1>Method Not Implemented</h1></body></html>");
        HttpResponse<byte[]> propfind = dav.send(dav.request("/dav-only/").header("Depth", "1").header("Accept", HTML)
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(propfind.statusCode()).isEqualTo(207);
        assertThat(new String(propfind.body(), StandardCharsets.UTF_8)).contains("multistatus").doesNotContain("<html");
        // and a browser without the password is asked for it
        HttpResponse<byte[]> anonymous = new DavClient(front.url(), null, null).get("/", "Accept", HTML);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void uploadMkdirRenameAndDeleteThroughTheForms() throws Exception {
        assertThat(dav.method("MKCOL", "/work").statusCode()).isEqualTo(201);
        String token = token("/work/");
        String boundary = "----WebKitFormBoundaryq1w2e3r4t5y6u7i8";
        byte[] body = multipart(boundary, token, "big file.bin", String.valueOf(6 * 1024 * 1024 + 12345), "small.txt", "10");
        HttpResponse<byte[]> up = upload("/work/", body, boundary, origin);
        assertThat(up.statusCode()).isEqualTo(303);
        assertThat(up.headers().firstValue("Location")).hasValue("/work/");
        assertThat(DavClient.sha256(dav.get("/work/big%20file.bin").body()))
                .isEqualTo(DavClient.sha256(random(6 * 1024 * 1024 + 12345, 0)));
        assertThat(dav.get("/work/small.txt").body()).isEqualTo(random(10, 2));
        assertThat(new String(page("/work/").body(), StandardCharsets.UTF_8)).contains("big file.bin").contains("6.0 MiB");
        // the same name again without "replace": refused, the file kept
        byte[] again = multipart(boundary, token, "small.txt", "20");
        assertThat(upload("/work/", again, boundary, origin).statusCode()).isEqualTo(409);
        assertThat(dav.get("/work/small.txt").body()).isEqualTo(random(10, 2));

        assertThat(form("/work/", "token=" + token + "&op=mkdir&name=" + enc("new folder"), origin).statusCode()).isEqualTo(303);
        assertThat(dav.propfind("/work/new%20folder/", "0").statusCode()).isEqualTo(207);

        assertThat(form("/work/", "token=" + token + "&op=rename&name=" + enc("big file.bin") + "&to=" + enc("renamed.bin"), origin)
                .statusCode()).isEqualTo(303);
        assertThat(dav.get("/work/big%20file.bin").statusCode()).isEqualTo(404);
        assertThat(DavClient.sha256(dav.get("/work/renamed.bin").body()))
                .isEqualTo(DavClient.sha256(random(6 * 1024 * 1024 + 12345, 0)));
        // a rename never replaces
        assertThat(form("/work/", "token=" + token + "&op=rename&name=small.txt&to=renamed.bin", origin).statusCode()).isEqualTo(409);

        assertThat(form("/work/", "token=" + token + "&op=delete&name=renamed.bin", origin).statusCode()).isEqualTo(303);
        assertThat(dav.get("/work/renamed.bin").statusCode()).isEqualTo(404);
        assertThat(form("/work/", "token=" + token + "&op=delete&name=" + enc("new folder"), origin).statusCode()).isEqualTo(303);
        assertThat(dav.propfind("/work/new%20folder/", "0").statusCode()).isEqualTo(404);
        // a name that is not one
        assertThat(form("/work/", "token=" + token + "&op=mkdir&name=" + enc("a/b"), origin).statusCode()).isEqualTo(400);
    }

    @Test
    void forgedFormsAreRefusedAndChangeNothing() throws Exception {
        assertThat(dav.method("MKCOL", "/guarded").statusCode()).isEqualTo(201);
        assertThat(dav.put("/guarded/keep.txt", random(100, 3))).isEqualTo(201);
        String token = token("/guarded/");
        // no token, a wrong token, a foreign Origin, no Origin nor Referer
        assertThat(form("/guarded/", "op=mkdir&name=x1", origin).statusCode()).isEqualTo(403);
        assertThat(form("/guarded/", "token=AAAA" + token.substring(4) + "&op=mkdir&name=x2", origin).statusCode()).isEqualTo(403);
        assertThat(form("/guarded/", "token=" + token + "&op=mkdir&name=x3", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(form("/guarded/", "token=" + token + "&op=delete&name=keep.txt", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(form("/guarded/", "token=" + token + "&op=mkdir&name=x4", null).statusCode()).isEqualTo(403);
        // another user's token
        Path users = cluster.root().resolve("webdav.users");
        UsersFile.put(users, "mallory", "mallory's password".toCharArray());
        DavClient mallory = new DavClient(front.url(), "mallory", "mallory's password");
        HttpResponse<byte[]> malloryPage = mallory.get("/guarded/", "Accept", HTML);
        for (int i = 0; i < 40 && malloryPage.statusCode() == 401; i++) { // the front re-reads the users file when it changes
            Thread.sleep(500);
            malloryPage = mallory.get("/guarded/", "Accept", HTML);
        }
        Matcher m = TOKEN.matcher(new String(malloryPage.body(), StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isNotEqualTo(token);
        assertThat(form("/guarded/", "token=" + m.group(1) + "&op=mkdir&name=x5", origin).statusCode()).isEqualTo(403);
        // an upload without the token, or from elsewhere
        String boundary = "b0undary";
        assertThat(upload("/guarded/", multipart(boundary, null, "evil.bin", "1000"), boundary, origin).statusCode()).isEqualTo(403);
        assertThat(upload("/guarded/", multipart(boundary, token, "evil2.bin", "1000"), boundary, "http://evil.example")
                .statusCode()).isEqualTo(403);
        // a GET cannot change anything either
        assertThat(dav.get("/guarded/?op=delete&name=keep.txt&token=" + token, "Accept", HTML).statusCode()).isEqualTo(200);

        String listing = dav.propfind("/guarded/", "1").body();
        assertThat(listing).contains("keep.txt").doesNotContain("x1").doesNotContain("x2").doesNotContain("x3")
                .doesNotContain("x4").doesNotContain("x5").doesNotContain("evil");
        assertThat(dav.get("/guarded/keep.txt").body()).isEqualTo(random(100, 3));
    }

    @Test
    void aFileLockedByAWebDavClientIsNotChangedFromTheBrowser() throws Exception {
        assertThat(dav.method("MKCOL", "/locked").statusCode()).isEqualTo(201);
        assertThat(dav.put("/locked/held.txt", random(50, 4))).isEqualTo(201);
        HttpResponse<byte[]> lock = dav.send(dav.request("/locked/held.txt").header("Timeout", "Second-600")
                .method("LOCK", HttpRequest.BodyPublishers.ofString("<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\">"
                        + "<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
                        + "<D:owner>browser test</D:owner></D:lockinfo>")).build());
        assertThat(lock.statusCode()).isEqualTo(200);
        String token = token("/locked/");
        assertThat(form("/locked/", "token=" + token + "&op=delete&name=held.txt", origin).statusCode()).isEqualTo(423);
        assertThat(form("/locked/", "token=" + token + "&op=rename&name=held.txt&to=moved.txt", origin).statusCode()).isEqualTo(423);
        String boundary = "b0undary";
        byte[] body = multipart(boundary, token, true, "held.txt", "10");
        HttpResponse<byte[]> up = upload("/locked/", body, boundary, origin);
        assertThat(up.statusCode()).isEqualTo(423);
        assertThat(dav.get("/locked/held.txt").body()).isEqualTo(random(50, 4));
    }
}
