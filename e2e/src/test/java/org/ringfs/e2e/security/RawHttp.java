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
    /**
     * The status (0 when the server closed without one), everything the server sent, and whether the
     * server closed the connection before the whole request was written (it refused it mid-way).
     */
    record Reply(int status, String text, boolean closedMidRequest) {}

    private RawHttp() {}

    /** Sends {@code requestHead} (request line and headers, without the blank line), then {@code body}. */
    static Reply exchange(int port, String requestHead, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            String head = requestHead + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
            boolean closedMidRequest = false;
            try {
                s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().write(body);
                s.getOutputStream().flush();
            } catch (java.net.SocketException refused) {
                // An oversized head is answered and the connection closed while we still write.
                closedMidRequest = true;
            }
            String text = readAll(s.getInputStream());
            return new Reply(statusOf(text), text, closedMidRequest);
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
