package org.ringfs.meta.rpc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.transport.MetaClient;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.ringfs.meta.Errors.assertFails;

/**
 * Names with characters outside Unicode's basic plane (UTF-16 surrogate pairs in a Java String)
 * cross the meta wire both ways: in requests the client writes, and in the replies and faults meta
 * writes. Lone surrogates (no character at all) are refused before they are sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetaRpcAstralNamesTest {
    static final String PARTY = "\uD83C\uDF89";             // U+1F389 🎉
    static final String CONFETTI = "\uD83C\uDF8A";          // U+1F38A 🎊
    static final String CAMERA = "\uD83D\uDCF7";            // U+1F4F7 📷
    static final String EXT_B = "\uD842\uDFB7";             // U+20BB7, CJK Extension B
    static final String G_CLEF = "\uD834\uDD1E";            // U+1D11E
    static final String FLAG_FR = "\uD83C\uDDEB\uD83C\uDDF7"; // two regional indicators
    static final String FAMILY = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // a ZWJ sequence
    /** Each of these names sorts differently by UTF-16 than by UTF-8 against the astral ones. */
    static final List<String> NAMES = List.of(
            PARTY + ".jpg",
            EXT_B,
            EXT_B + "\u91CE\u5BB6.txt",
            "e\u0301" + FLAG_FR + "a\u0308" + G_CLEF,     // combining marks around astral characters
            "\u0915\u094D" + FAMILY + "\u0301",            // a virama, a ZWJ family, a combining accent
            "\uFF21" + PARTY,                              // fullwidth A: above the surrogates in UTF-16 order
            "\uE000-private",
            "plain");

    @TempDir static Path dir;
    MetaServer server;
    MetaService meta;

    @BeforeAll
    void start() throws Exception {
        server = MetaServer.builder().dir(dir).port(0).blockSize(1024)
                .initialRing(List.of("data-1", "data-2", "data-3")).start();
        meta = MetaClient.connect(server.address(), Duration.ofSeconds(10), null, null);
    }

    @AfterAll
    void stop() { server.close(); }

    /** Meta's order: by the bytes of each name's UTF-8. */
    static List<String> utf8Order(List<String> names) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparing(n -> n.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        return sorted;
    }

    @Test
    void astralNamesRoundTrip() throws Exception {
        String d = "/astral-" + CAMERA;
        InodeAttributes dirAttrs = meta.mkdir(d, 0755, 1, 2);
        assertThat(meta.stat(d)).isEqualTo(dirAttrs);
        for (String n : NAMES) {
            InodeAttributes f = meta.create(d + "/" + n, 0644, 1, 2, true);
            assertThat(meta.stat(d + "/" + n)).as(n).isEqualTo(f);
        }
        List<DirectoryEntry> xml = meta.list(d);
        assertThat(xml).extracting(DirectoryEntry::name).containsExactlyElementsOf(utf8Order(NAMES));
        assertThat(meta.listPacked(d).entries()).isEqualTo(xml);

        assertThat(meta.rename(d + "/" + PARTY + ".jpg", d + "/" + CONFETTI + ".jpg")).isNotNull();
        assertFails(ErrorCode.NOT_FOUND, () -> meta.stat(d + "/" + PARTY + ".jpg"));
        assertThat(meta.stat(d + "/" + CONFETTI + ".jpg").isFile()).isTrue();

        String target = "../" + PARTY + "/" + EXT_B + "/" + FAMILY + "e\u0301";
        assertThat(meta.symlink(d + "/link" + G_CLEF, target, 1, 2).isSymlink()).isTrue();
        assertThat(meta.readlink(d + "/link" + G_CLEF)).isEqualTo(target);

        List<String> now = new ArrayList<>(NAMES);
        now.set(0, CONFETTI + ".jpg");
        now.add("link" + G_CLEF);
        assertThat(meta.list(d)).extracting(DirectoryEntry::name).containsExactlyElementsOf(utf8Order(now));
        assertThat(meta.listPacked(d).entries()).isEqualTo(meta.list(d));
        assertThat(meta.list("/")).extracting(DirectoryEntry::name).contains("astral-" + CAMERA);
    }

    /** A fault's message names the path it is about, astral characters and all. */
    @Test
    void faultsCarryAstralPaths() {
        String missing = "/gone-" + PARTY + "/" + EXT_B;
        Throwable t = catchThrowable(() -> meta.stat(missing));
        assertThat(t).isInstanceOf(RingFsException.class);
        assertThat(((RingFsException) t).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(t.getMessage()).contains(missing);
    }

    /** Meta's own writer, on its own: a request written by hand, the raw reply read by a strict parser. */
    @Test
    void metasRepliesAreWellFormedXml() throws Exception {
        String d = "/raw-" + EXT_B;
        rawCall("ringfs.mkdir", d, 0755, 0, 0);
        rawCall("ringfs.create", d + "/" + PARTY, 0644, 0, 0, true);
        rawCall("ringfs.symlink", d + "/l", FAMILY, 0, 0);

        assertThat(texts(rawCall("ringfs.list", d))).contains(PARTY, "l");
        assertThat(texts(rawCall("ringfs.readlink", d + "/l"))).contains(FAMILY);
        List<String> fault = texts(rawCall("ringfs.stat", d + "/no-" + G_CLEF));
        assertThat(fault).anySatisfy(s -> assertThat(s).contains(d + "/no-" + G_CLEF));
    }

    /** Lone surrogates are no characters: refused before they leave the client, and nothing is created. */
    @Test
    void loneSurrogatesAreRefused() throws Exception {
        meta.mkdir("/lone", 0755, 0, 0);
        for (String bad : List.of("\uD83C", "\uDF89", "a\uD83Cb", "\uDF89\uD83C", "x" + PARTY + "\uD842")) {
            Throwable t = catchThrowable(() -> meta.create("/lone/" + bad, 0644, 0, 0, true));
            assertThat(t).as("%s", t).isInstanceOf(RingFsException.class);
            assertThat(((RingFsException) t).code()).as("%s", t).isIn(ErrorCode.BAD_REQUEST, ErrorCode.INVALID);
            assertThat(t.getMessage()).containsIgnoringCase("surrogate");
        }
        Throwable t = catchThrowable(() -> meta.symlink("/lone/l", "to\uDC00", 0, 0));
        assertThat(t).isInstanceOf(RingFsException.class);
        assertThat(((RingFsException) t).code()).isIn(ErrorCode.BAD_REQUEST, ErrorCode.INVALID);
        assertThat(meta.list("/lone")).isEmpty();
        // The client is still usable afterwards.
        meta.create("/lone/" + PARTY, 0644, 0, 0, true);
        assertThat(meta.list("/lone")).extracting(DirectoryEntry::name).containsExactly(PARTY);
    }

    /** One XML-RPC call written by hand as raw UTF-8 (strings, ints, booleans); the reply's bytes. */
    private byte[] rawCall(String method, Object... params) throws Exception {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodCall><methodName>")
                .append(method).append("</methodName><params>");
        for (Object p : params) {
            String type = p instanceof String ? "string" : p instanceof Integer ? "int" : "boolean";
            String value = p instanceof Boolean b ? (b ? "1" : "0") : p.toString();
            body.append("<param><value><").append(type).append('>').append(value)
                    .append("</").append(type).append("></value></param>");
        }
        body.append("</params></methodCall>");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + server.address() + MetaMethods.PATH))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8))).build();
        HttpResponse<byte[]> reply = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(reply.statusCode()).isEqualTo(200);
        return reply.body();
    }

    /** The text of every element of a reply, read by a parser that refuses ill-formed XML. */
    private static List<String> texts(byte[] xml) throws Exception {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        List<String> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        f.newSAXParser().parse(new ByteArrayInputStream(xml), new DefaultHandler() {
            @Override public void startElement(String uri, String local, String q, Attributes a) { text.setLength(0); }
            @Override public void characters(char[] ch, int start, int length) { text.append(ch, start, length); }
            @Override public void endElement(String uri, String local, String q) {
                if (!text.isEmpty()) out.add(text.toString());
                text.setLength(0);
            }
        });
        return out;
    }
}
