package org.ringfs.server;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server's own handler may answer without reading the request's body (a refusal, a GET that
 * carried one): if the body has not all arrived, the reply says the connection closes, since it does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepliesBeforeTheBodyTest {
    private ServerShell shell;

    /** "/early" answers at once in one write, "/empty" with 204 and no write, anything else echoes the body it read. */
    private static final class EarlyHandler extends Handler.Abstract {
        private final EchoHandler echo = new EchoHandler();

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            switch (request.getHttpURI().getPath()) {
                case "/early" -> {
                    response.setStatus(200);
                    Content.Sink.write(response, true, "early\n", callback);
                }
                case "/empty" -> {
                    response.setStatus(204);
                    callback.succeeded();
                }
                default -> echo.handle(request, response, callback);
            }
            return true;
        }
    }

    @BeforeAll
    void start() throws Exception {
        shell = ServerShell.builder("early-test").maxBodyBytes(4096).handler(new EarlyHandler()).start();
    }

    @AfterAll
    void stop() throws Exception {
        shell.close();
    }

    @Test
    void aReplyWrittenBeforeTheBodyArrivedSaysTheConnectionCloses() throws Exception {
        assertThat(replyToHeadWithoutItsBody("GET /early")).startsWith("HTTP/1.1 200").containsIgnoringCase("\r\nConnection: close\r\n");
    }

    @Test
    void aReplyWithNoBodyOfItsOwnSaysTheConnectionClosesToo() throws Exception {
        assertThat(replyToHeadWithoutItsBody("DELETE /empty")).startsWith("HTTP/1.1 204").containsIgnoringCase("\r\nConnection: close\r\n");
    }

    @Test
    void repliesAfterTheBodyWasReadKeepTheConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", shell.port())) {
            s.setSoTimeout(20_000);
            String request = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
            s.getOutputStream().write((request + request + "GET /early HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String replies = readAll(s.getInputStream());
            assertThat(replies.split("got hello", -1)).hasSize(3);
            assertThat(replies).endsWith("early\n");
        }
    }

    private String replyToHeadWithoutItsBody(String requestLine) throws IOException {
        try (Socket s = new Socket("127.0.0.1", shell.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return readAll(s.getInputStream()); // the body never comes: the server answers and closes
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) out.write(buf, 0, n);
        } catch (java.net.SocketException reset) {
            // a reset after the reply: what was read is the reply
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
