package org.ringfs.e2e.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests java.net.http refuses to send: raw
 * backslashes, NUL, invalid escapes in the target, oversized or malformed headers.
 */
final class RawHttp {
    /** The status (0 when the server closed without one) and everything the server sent. */
    record Reply(int status, String text) {}

    private RawHttp() {}

    /** Sends {@code requestHead} (request line and headers, without the blank line), then {@code body}. */
    static Reply exchange(int port, String requestHead, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            String head = requestHead + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            String text = readAll(s.getInputStream());
            return new Reply(statusOf(text), text);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) out.write(buf, 0, n);
        } catch (java.net.SocketException reset) {
            // the server may reset after its reply to a request it refused mid-body: keep what came
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static int statusOf(String text) {
        if (!text.startsWith("HTTP/1.")) return 0;
        return Integer.parseInt(text.substring(9, 12));
    }
}
