package org.ringfs.meta.rpc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMethods;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.transport.MetaClient;
import org.ringfs.transport.XmlRpcHardening;

import java.io.BufferedInputStream;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * XML built to exhaust the parser rather than to call anything: entity expansion bombs and values
 * nested thousands deep. Each is a BAD_REQUEST fault (or a 4xx), quickly, and meta keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class MetaRpcHostileXmlTest {
    @TempDir static Path dir;
    MetaServer server;
    MetaClient meta;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        server = MetaServer.builder().dir(dir.resolve("store")).start();
        meta = MetaClient.connect(server.address(), Duration.ofSeconds(10), null, null);
        meta.mkdir("/kept", 0755, 0, 0);
    }

    @AfterAll
    void stop() { server.close(); }

    HttpResponse<String> post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + server.address() + MetaMethods.PATH))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A BAD_REQUEST fault or a 4xx; never a 5xx, never a stack trace. And meta still answers. */
    void assertRefused(HttpResponse<String> r) throws Exception {
        assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Exception:");
        if (r.statusCode() == 200) {
            assertThat(r.body()).contains("<fault>").contains("<i4>" + ErrorCode.BAD_REQUEST.faultCode() + "</i4>");
        } else {
            assertThat(r.statusCode()).isBetween(400, 499);
        }
        assertThat(meta.stat("/kept").id()).isPositive();
    }

    @Test
    void billionLaughsIsRefusedWithoutExpanding() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE m [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int k = 0; k < 10; k++) dtd.append("&lol").append(i - 1).append(';');
            dtd.append("\">");
        }
        dtd.append("]>");
        long start = System.nanoTime();
        assertRefused(post("<?xml version=\"1.0\"?>" + dtd + "<methodCall><methodName>ringfs.stat</methodName>"
                + "<params><param><value><string>&lol9;</string></value></param></params></methodCall>"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void deeplyNestedArraysAreRefused() throws Exception {
        assertRefused(post(nested(100_000, "<array><data><value>", "</value></data></array>")));
    }

    @Test
    void deeplyNestedStructsAreRefused() throws Exception {
        assertRefused(post(nested(50_000, "<struct><member><name>n</name><value>", "</value></member></struct>")));
    }

    @Test
    void nestingJustPastTheCapIsRefusedByTheCap() throws Exception {
        HttpResponse<String> r = post(nested(XmlRpcHardening.MAX_ELEMENT_DEPTH / 3 + 1,
                "<array><data><value>", "</value></data></array>"));
        assertRefused(r);
        assertThat(r.body()).containsIgnoringCase("depth");
    }

    /**
     * The parser stops at the cap with most of the body unread. Meta reads the rest before the fault,
     * so the connection stays usable: a closed one, with no "Connection: close", is reused by the
     * client's pool and its next call gets no reply (a CI run failed that way).
     */
    @Test
    void aConnectionThatCarriedARefusedCallServesTheNextOne() throws Exception {
        byte[] refused = nested(50_000, "<struct><member><name>n</name><value>", "</value></member></struct>")
                .getBytes(StandardCharsets.UTF_8);
        byte[] stat = ("<?xml version=\"1.0\"?><methodCall><methodName>" + "ringfs.stat" + "</methodName>"
                + "<params><param><value><string>/kept</string></value></param></params></methodCall>")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            send(socket, refused);
            assertThat(readReply(in)).contains("<fault>");
            send(socket, stat);
            assertThat(readReply(in)).doesNotContain("<fault>").contains("<name>id</name>");
        }
    }

    private static void send(Socket socket, byte[] body) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + MetaMethods.PATH + " HTTP/1.1\r\nHost: meta\r\nContent-Type: text/xml\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** One HTTP/1.1 reply with a Content-Length body; fails on end of stream. */
    private static String readReply(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("reply bytes before the connection closed; head so far: %s", head).isNotNegative();
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        assertThat(length.find()).as("a Content-Length in %s", head).isTrue();
        assertThat(head.toString()).doesNotContainIgnoringCase("connection: close");
        return new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }

    /** A stat call whose one parameter is nested {@code depth} times. */
    static String nested(int depth, String open, String close) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>ringfs.stat</methodName>"
                + "<params><param><value>");
        b.append(open.repeat(depth)).append("<i4>1</i4>").append(close.repeat(depth));
        return b.append("</value></param></params></methodCall>").toString();
    }
}
