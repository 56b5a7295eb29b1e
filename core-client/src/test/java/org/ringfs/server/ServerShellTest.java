package org.ringfs.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.ErrorCode;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.RequestSigner;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell in front of a server's own handler: signed requests reach it with their body; the rest are refused, coded. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerShellTest {
    private static final int MAX_BODY = 4096;
    private final ClusterSecret secret = ClusterSecret.random();
    private ServerShell shell;
    private HttpClient http;

    @BeforeAll
    void start() throws Exception {
        shell = ServerShell.builder("shell-test").maxBodyBytes(MAX_BODY).secret(secret).handler(new EchoHandler()).start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    void stop() throws Exception {
        shell.close();
    }

    private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shell.port() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(r::header);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> signed(String path, byte[] body) {
        return new RequestSigner(secret).headers("POST", path, BodyDigest.of(body, 0, body.length));
    }

    private static void assertRefused(HttpResponse<String> r, ErrorCode code) {
        assertThat(r.statusCode()).isEqualTo(code.httpStatus());
        assertThat(r.headers().firstValue(BlockProtocol.ERROR)).hasValue(code.name());
        assertThat(r.body()).doesNotContain("<html").doesNotContain("at org.");
    }

    @Test
    void aSignedRequestReachesTheHandlerWithItsBody() throws Exception {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("/x?y=1", body, signed("/x?y=1", body));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("got hello");
    }

    @Test
    void unsignedChangedAndReplayedRequestsAre401AndCloseTheConnection() throws Exception {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> unsigned = post("/x", body, Map.of());
        assertRefused(unsigned, ErrorCode.UNAUTHENTICATED);
        assertThat(unsigned.headers().firstValue("connection")).hasValue("close");
        assertRefused(post("/x", "hellO".getBytes(StandardCharsets.UTF_8), signed("/x", body)), ErrorCode.UNAUTHENTICATED);
        Map<String, String> once = signed("/x", body);
        assertThat(post("/x", body, once).statusCode()).isEqualTo(200);
        assertRefused(post("/x", body, once), ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        byte[] body = new byte[MAX_BODY + 1];
        HttpResponse<String> r = post("/x", body, signed("/x", body));
        assertRefused(r, ErrorCode.TOO_LARGE);
    }

    @Test
    void aRefusedBodyIsReadToItsEndSoTheConnectionCarriesTheNextRequest() throws Exception {
        int length = 2 * MAX_BODY;
        try (Socket s = new Socket("127.0.0.1", shell.port())) {
            s.setSoTimeout(10_000);
            java.io.OutputStream out = s.getOutputStream();
            out.write(("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = s.getInputStream();
            String refused = head(in); // answered before any of the body was sent
            assertThat(refused).startsWith("HTTP/1.1 413").doesNotContainIgnoringCase("Connection: close");
            in.readNBytes(contentLength(refused));
            // The body comes after the refusal (a client that does not read while it sends, a slow
            // link): the server takes it all rather than close on it, which would reset the connection.
            out.write(new byte[length]);
            out.write("GET /x HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(head(in)).startsWith("HTTP/1.1 401"); // the next request, unsigned, on the same connection
        }
    }

    @Test
    void aBodyFarOverTheLimitIsRefusedAndItsConnectionClosed() throws Exception {
        long length = (BodySizeLimitHandler.DISCARDED_BODIES + 1) * MAX_BODY;
        try (Socket s = new Socket("127.0.0.1", shell.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(head(s.getInputStream())).startsWith("HTTP/1.1 413").containsIgnoringCase("Connection: close");
        }
    }

    /** A reply's status line and headers, read byte by byte up to the blank line. */
    private static String head(java.io.InputStream in) throws java.io.IOException {
        StringBuilder h = new StringBuilder();
        while (!h.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new java.io.EOFException("connection closed after: " + h);
            h.append((char) b);
        }
        return h.toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) return Integer.parseInt(line.substring(15).trim());
        }
        return 0;
    }

    @Test
    void whatJettyRefusesItselfGetsACodedPlainReply() throws Exception {
        try (Socket s = new Socket("127.0.0.1", shell.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /blocks//%D9%A1/%00 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(reply).startsWith("HTTP/1.1 400").containsIgnoringCase("\r\nConnection: close\r\n")
                    .contains(BlockProtocol.ERROR + ": " + ErrorCode.BAD_REQUEST.name()).doesNotContain("<html");
        }
    }
}
