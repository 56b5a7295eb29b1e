package org.ringfs.meta.rpc;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaMethods;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.transport.MetaClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded fuzz of meta's XML-RPC request parsing (fixed seed, so CI runs the same 300 bodies):
 * well-formed calls mangled at random, and random soups of XML-RPC tags, entities, DOCTYPEs and
 * text, posted to a real server. Every answer is a fault other than INTERNAL, a valid reply, or a
 * 4xx; never a 5xx or a stack trace; the server keeps answering and what it stored stays put.
 */
class MetaRpcFuzzTest {
    static Path dir;
    static MetaServer server;
    static MetaClient meta;
    static InodeAttributes kept;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final List<String> TAGS = List.of("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
            "<methodCall>", "</methodCall>", "<methodName>", "</methodName>", "<params>", "</params>", "<param>",
            "</param>", "<value>", "</value>", "<i4>", "</i4>", "<int>", "</int>", "<i8>", "</i8>", "<ex:i8>", "</ex:i8>",
            "<string>", "</string>", "<boolean>", "</boolean>", "<double>", "</double>", "<base64>", "</base64>",
            "<struct>", "</struct>", "<member>", "</member>", "<name>", "</name>", "<array>", "</array>", "<data>",
            "</data>", "<nil/>", "<ex:nil/>", "<dateTime.iso8601>", "<ex:serializable>rO0ABXQAAWE=</ex:serializable>",
            "<ex:dom><x/></ex:dom>", "<!DOCTYPE m>", "<!DOCTYPE m [<!ENTITY e \"e\">]>", "&e;", "&amp;", "&lt;", "&#0;",
            "&#xD800;", "&#x1F600;", "<![CDATA[", "]]>", "<!--", "-->", "<?pi x?>", " xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"",
            "<methodCall xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">");
    static final List<String> WORDS = List.of("ringfs.stat", "ringfs.list", "ringfs.mkdir", "ringfs.rename", "ringfs.commit",
            "ringfs.blocks", "ringfs.setXattr", "ringfs.heartbeat", "ringfs.nope", "system.listMethods", "/", "/x", "/a/b",
            "", "-1", "0", "2147483648", "-9223372036854775809", "99999999999999999999999", "1e308", "NaN", "true",
            "\u0000", "\uFFFE", "\u00e9", "\uD83D\uDE00", "AAAA====", "%", "\\", "..", "/../..", "x".repeat(5000));
    static final List<String> VALID = List.of(
            "<?xml version=\"1.0\"?><methodCall><methodName>ringfs.stat</methodName><params><param><value><string>/x</string></value></param></params></methodCall>",
            "<?xml version=\"1.0\"?><methodCall><methodName>ringfs.mkdir</methodName><params><param><value>/fuzz</value></param><param><value><i4>493</i4></value></param><param><value><i4>0</i4></value></param><param><value><i4>0</i4></value></param></params></methodCall>",
            "<?xml version=\"1.0\"?><methodCall xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"><methodName>ringfs.blocks</methodName><params><param><value><ex:i8>1</ex:i8></value></param><param><value><ex:i8>0</ex:i8></value></param><param><value><i4>10</i4></value></param></params></methodCall>",
            "<?xml version=\"1.0\"?><methodCall><methodName>ringfs.heartbeat</methodName><params><param><value><struct><member><name>name</name><value>data-9</value></member></struct></value></param></params></methodCall>",
            "<?xml version=\"1.0\"?><methodCall><methodName>ringfs.setXattr</methodName><params><param><value>/x</value></param><param><value>user.a</value></param><param><value><base64>AAEC</base64></value></param><param><value><i4>0</i4></value></param></params></methodCall>");

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("meta-fuzz-");
        server = MetaServer.builder().dir(dir.resolve("store")).start();
        meta = MetaClient.connect(server.address(), Duration.ofSeconds(10), null, null);
        meta.mkdir("/kept", 0755, 0, 0);
        kept = meta.stat("/kept");
    }

    @AfterContainer
    static void stop() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Property(tries = 300, seed = "42")
    void garbledCallsGetFaultsOr4xxAndTheServerLives(@ForAll("bodies") String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + server.address() + MetaMethods.PATH))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Exception:");
        if (r.statusCode() == 200) {
            assertThat(r.body()).containsAnyOf("<fault>", "<params>");
            assertThat(r.body()).as("no internal error for %s", body)
                    .doesNotContain("<name>faultCode</name><value><i4>" + ErrorCode.INTERNAL.faultCode() + "</i4>");
        } else {
            assertThat(r.statusCode()).as("status for %s", body).isBetween(400, 499);
        }
        assertThat(meta.stat("/kept")).isEqualTo(kept);
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(mangledValidCalls(), tagSoup(), Arbitraries.strings().ofMaxLength(300));
    }

    /** A valid call with one to three random cuts, copies, insertions or replaced characters. */
    private Arbitrary<String> mangledValidCalls() {
        Arbitrary<String> base = Arbitraries.of(VALID);
        Arbitrary<List<Integer>> edits = Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(6);
        Arbitrary<String> inserts = Arbitraries.oneOf(Arbitraries.of(TAGS), Arbitraries.of(WORDS));
        return Combinators.combine(base, edits, inserts).as(MetaRpcFuzzTest::mangle);
    }

    private static String mangle(String call, List<Integer> edits, String insert) {
        StringBuilder b = new StringBuilder(call);
        for (int e : edits) {
            if (b.length() == 0) break;
            int at = e % b.length();
            int len = Math.min(1 + (e >>> 8) % 40, b.length() - at);
            switch ((e >>> 16) % 4) {
                case 0 -> b.delete(at, at + len);
                case 1 -> b.insert(at, b.substring(at, at + len));
                case 2 -> b.insert(at, insert);
                default -> b.setCharAt(at, (char) ((e >>> 20) % 128));
            }
        }
        return b.toString();
    }

    /** Up to 60 pieces of XML-RPC tags, entities, DOCTYPEs and hostile words in any order. */
    private Arbitrary<String> tagSoup() {
        return Arbitraries.oneOf(Arbitraries.of(TAGS), Arbitraries.of(WORDS)).list().ofMaxSize(60)
                .map(pieces -> String.join("", pieces));
    }
}
