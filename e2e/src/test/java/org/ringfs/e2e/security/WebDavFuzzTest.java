package org.ringfs.e2e.security;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.webdav.auth.UsersFile;
import org.ringfs.webdav.lock.InMemoryLockStore;
import org.ringfs.webdav.server.FrontSettings;
import org.ringfs.webdav.server.WebDavFront;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded fuzz of the WebDAV front's request handling (fixed seed): random methods, paths,
 * WebDAV headers and bodies from an authenticated user, against the front in this JVM over a
 * real cluster. No answer is a 5xx (but 501 for a method or a GET of a folder the front does not
 * implement, and 502 for a Destination elsewhere, as RFC 4918 says) or carries a stack
 * trace; the front keeps serving; the files stored first, in a folder the fuzz never names, stay
 * intact and fsck stays clean.
 */
class WebDavFuzzTest {
    static final String USER = "fuzzer";
    static final String PASSWORD = "fuzzing all day";
    static MiniRingFsCluster cluster;
    static RingFsClient fs;
    static WebDavFront front;
    static int port;
    static String auth;
    static StoredFiles stored;

    static final List<String> METHODS = List.of("GET", "HEAD", "PUT", "DELETE", "MKCOL", "COPY", "MOVE", "PROPFIND",
            "PROPPATCH", "LOCK", "UNLOCK", "OPTIONS", "POST", "REPORT", "SEARCH", "TRACE", "BREW", "get");
    /** Names the fuzz uses; the stored files live under /safe-keeping, which no piece spells. */
    static final List<String> SEGMENTS = List.of("a", "b", "fuzz", "x.txt", "..", ".", "", "%2e%2e", "%2F", "%00",
            "%5c", "%c0%ae", "%ff", "%", "%zz", "n".repeat(256), "%C3%A9", "e%CC%81", "%E2%80%AE", "a%20b", "~", "con",
            ";", "a;b=c", "%3F", "%23");
    static final List<String> HEADER_NAMES = List.of("Depth", "Destination", "Overwrite", "If", "Lock-Token", "Timeout",
            "Range", "Content-Range", "If-Match", "If-None-Match", "If-Modified-Since", "Content-Type", "Expect");
    static final List<String> HEADER_VALUES = List.of("0", "1", "infinity", "-1", "T", "F", "yes", "", "*",
            "(<urn:uuid:x>)", "<http://127.0.0.1/a> (Not <DAV:no-lock>)", "(", "<opaquelocktoken:zz>", "Second-60",
            "Infinite, Second-4100000000", "bytes=0-0", "bytes=-5", "bytes=99999999999-", "bytes 0-3/2",
            "\"etag\"", "W/\"x\"", "Thu, 01 Jan 1970 00:00:00 GMT", "application/xml", "100-continue",
            "http://elsewhere.example/a", "/a/b", "http://127.0.0.1:1/x", "%00");
    static final List<String> BODIES = List.of("", "<x/>", "not xml", "<?xml version=\"1.0\"?>",
            "<D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>",
            "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/><Z:q xmlns:Z=\"urn:z\"/></D:prop></D:propfind>",
            "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><Z:p xmlns:Z=\"urn:z\">v</Z:p></D:prop></D:set>"
                    + "<D:remove><D:prop><D:getetag/></D:prop></D:remove></D:propertyupdate>",
            "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>",
            "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope/></D:lockinfo>", "<D:propfind xmlns:D=\"DAV:\"><D:prop>",
            "<!DOCTYPE x [<!ENTITY e \"e\">]><x>&e;</x>", "\u0000\u00ff\ufffe", "<a xmlns:b=\"\"><b:c/></a>");

    @BeforeContainer
    static void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(3).blockSize(64 * 1024).build();
        fs = cluster.client();
        Path users = cluster.root().resolve("webdav.users");
        UsersFile.put(users, USER, PASSWORD.toCharArray());
        front = WebDavFront.start(fs, new InMemoryLockStore(), new FrontSettings(
                new InetSocketAddress("127.0.0.1", 0), users, false, true, null, null));
        port = URI.create(front.url()).getPort();
        auth = "Authorization: Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        fs.mkdir("/safe-keeping", 0755, 0, 0);
        stored = new StoredFiles(fs).store("/safe-keeping/big.bin", 300_000, 1).store("/safe-keeping/small.txt", 3, 2);
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            stored.assertIntact();
        } finally {
            if (front != null) front.close();
            if (cluster != null) cluster.close();
        }
    }

    /** One request as the fuzz builds it. */
    record Call(String method, String path, List<List<String>> headers, String body) {}

    @Property(tries = 300, seed = "42")
    void randomRequestsNeverGet5xx(@ForAll("calls") Call call) throws Exception {
        StringBuilder head = new StringBuilder(call.method() + " " + call.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\n" + auth);
        for (List<String> h : call.headers()) head.append("\r\n").append(h.get(0)).append(": ").append(h.get(1));
        RawHttp.Reply r = RawHttp.exchange(port, head.toString(), call.body().getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as("%s -> %s", call, r.text()).isBetween(100, 599);
        if (r.status() >= 500) assertThat(r.status()).as("%s -> %s", call, r.text()).isIn(501, 502);
        assertThat(r.text()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(RawHttp.exchange(port, "GET /safe-keeping/small.txt HTTP/1.1\r\nHost: x\r\n" + auth, new byte[0]).status())
                .isEqualTo(200);
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<String> path = Arbitraries.of(SEGMENTS).list().ofMinSize(0).ofMaxSize(4)
                .map(list -> "/" + String.join("/", list));
        Arbitrary<List<String>> header = Combinators.combine(Arbitraries.of(HEADER_NAMES),
                Arbitraries.oneOf(Arbitraries.of(HEADER_VALUES), path.map(p -> "http://127.0.0.1:" + port + p)))
                .as(List::of);
        return Combinators.combine(Arbitraries.of(METHODS), path, header.list().ofMaxSize(4), Arbitraries.of(BODIES))
                .as(Call::new);
    }
}
