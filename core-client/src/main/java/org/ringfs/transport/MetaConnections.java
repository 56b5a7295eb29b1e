package org.ringfs.transport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a process calls meta members: HTTP/1.1 POSTs over kept-alive connections, one call at a
 * time on each, pooled for the whole process. Before a connection is reused it is checked without waiting (a
 * non-blocking read that must find nothing): one the member closed, after a restart or its idle
 * timeout, is dropped, so the call goes out on a fresh one. A call is sent once: a connection
 * that fails under a call fails the call, and so does an interrupt of the calling thread (the
 * channel closes; the caller sees UNAVAILABLE, as for any cut connection).
 *
 * <p>Not HttpURLConnection: before a POST of a fixed length on a kept-alive connection it waits a
 * millisecond for the server to have closed it (a blocking read with a 1 ms timeout): on a quiet
 * local cluster that was two thirds of a stat's round trip. Not java.net.http: twice the CPU per call.
 */
final class MetaConnections {
    /** The status line and headers of a reply, at most. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** The largest reply body read: far above any meta reply (a listing comes in pages). */
    static final int MAX_REPLY_BYTES = 64 << 20;
    /** An idle connection older than this is closed, not reused: a member closes idle ones at 30 s. */
    static final Duration MAX_IDLE = Duration.ofSeconds(15);
    /** Idle connections kept per member; more are closed when their call ends. */
    static final int MAX_IDLE_PER_MEMBER = 64;

    /**
     * Idle connections of the whole process by member and trust, most recently used first: clients
     * made for one call each (readiness polls, admin commands) reuse them rather than leave their own open.
     */
    private static final Map<Member, ArrayDeque<Connection>> IDLE = new ConcurrentHashMap<>();

    private final SSLContext tls;
    private final int connectMillis;
    private final long maxIdleNanos;

    /** @param tls for https members; null: plain http only */
    MetaConnections(SSLContext tls, Duration connectTimeout) {
        this(tls, connectTimeout, MAX_IDLE);
    }

    /** @param maxIdle an idle connection older than this is closed, not reused (tests shorten it) */
    MetaConnections(SSLContext tls, Duration connectTimeout, Duration maxIdle) {
        this.tls = tls;
        this.connectMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        this.maxIdleNanos = maxIdle.toNanos();
    }

    /** What a member answered: its status, and for a 2xx its body. */
    record Reply(int status, boolean gzip, byte[] body) {}

    /**
     * POSTs {@code body} to {@code uri}; each read of the reply waits at most {@code replyTimeoutMillis}.
     *
     * @param headers extra request headers (Host and Content-Length are this class's)
     */
    Reply post(URI uri, Map<String, String> headers, byte[] body, int replyTimeoutMillis) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (https && tls == null) throw new IOException("no TLS context for " + uri);
        if (!https && !"http".equalsIgnoreCase(uri.getScheme())) throw new IOException("not an http URL: " + uri);
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        Member member = new Member(uri.getHost() + ":" + port, https ? tls : null);
        byte[] head = head(uri, member.address, headers, body.length);
        Connection c = reusable(member);
        if (c == null) c = open(uri.getHost(), port, https);
        boolean keep = false;
        try {
            c.socket.setSoTimeout(Math.max(1, replyTimeoutMillis));
            c.out.write(head);
            c.out.write(body);
            c.out.flush();
            Reply reply = c.readReply();
            keep = c.keepAlive;
            return reply;
        } finally {
            if (keep) release(member, c);
            else c.close();
        }
    }

    private static byte[] head(URI uri, String member, Map<String, String> headers, int length) {
        StringBuilder h = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        h.append("POST ").append(path).append(" HTTP/1.1\r\n");
        h.append("Host: ").append(member).append("\r\n");
        h.append("Content-Length: ").append(length).append("\r\n");
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Length")) return;
            if (!isToken(name) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("bad request header " + name);
            }
            h.append(name).append(": ").append(value).append("\r\n");
        });
        h.append("\r\n");
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch <= ' ' || ch >= 127 || ch == ':') return false;
        }
        return true;
    }

    /** A member as a pool key: its host:port and, over https, the trust its connections were opened with. */
    private record Member(String address, SSLContext tls) {}

    /** The most recently used idle connection to {@code member} that is still open, or null. */
    private Connection reusable(Member member) {
        ArrayDeque<Connection> q = IDLE.get(member);
        if (q == null) return null;
        while (true) {
            Connection c;
            synchronized (q) {
                c = q.pollFirst();
            }
            if (c == null) return null;
            if (System.nanoTime() - c.idleSince < maxIdleNanos && c.stillOpen()) return c;
            c.close();
        }
    }

    /** Keeps {@code c} for the next call, and closes the member's connections idle too long to be reused. */
    private void release(Member member, Connection c) {
        ArrayDeque<Connection> q = IDLE.computeIfAbsent(member, m -> new ArrayDeque<>());
        long now = System.nanoTime();
        c.idleSince = now;
        List<Connection> surplus = new ArrayList<>();
        synchronized (q) {
            if (q.size() < MAX_IDLE_PER_MEMBER) q.addFirst(c);
            else surplus.add(c);
            while (!q.isEmpty() && now - q.peekLast().idleSince >= maxIdleNanos) surplus.add(q.pollLast());
        }
        surplus.forEach(Connection::close);
    }

    private Connection open(String host, int port, boolean https) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            Socket socket = channel.socket();
            socket.connect(new InetSocketAddress(host, port), connectMillis);
            socket.setTcpNoDelay(true);
            if (https) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // as HttpsURLConnection checks the member's name
                ssl.setSSLParameters(p);
                socket = ssl;
            }
            return new Connection(channel, socket);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** One kept-alive connection; used by one call at a time. */
    private static final class Connection {
        private final SocketChannel channel;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final ByteBuffer probe = ByteBuffer.allocate(1);
        private boolean keepAlive;
        private long idleSince;

        Connection(SocketChannel channel, Socket socket) throws IOException {
            this.channel = channel;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            // Head and body leave in one write (one segment for a call, not two).
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        /** Whether the member left this idle connection open and silent; a read that finds nothing says so. */
        boolean stillOpen() {
            try {
                if (in.available() > 0) return false; // bytes nobody asked for
                channel.configureBlocking(false);
                try {
                    probe.clear();
                    return channel.read(probe) == 0;
                } finally {
                    channel.configureBlocking(true);
                }
            } catch (IOException e) {
                return false;
            }
        }

        Reply readReply() throws IOException {
            Head head = Head.read(in);
            keepAlive = head.keepAlive;
            if (head.status < 200 || head.status > 299) {
                keepAlive = false; // its body is not read
                return new Reply(head.status, false, null);
            }
            byte[] body;
            if (head.chunked) {
                body = readChunked();
            } else if (head.contentLength >= 0) {
                if (head.contentLength > MAX_REPLY_BYTES) throw tooLarge();
                body = in.readNBytes((int) head.contentLength);
                if (body.length < head.contentLength) throw new IOException("reply ended after " + body.length + " of " + head.contentLength + " bytes");
            } else {
                keepAlive = false; // the body runs to the end of the connection
                body = in.readNBytes(MAX_REPLY_BYTES + 1);
                if (body.length > MAX_REPLY_BYTES) throw tooLarge();
            }
            return new Reply(head.status, head.gzip, body);
        }

        private byte[] readChunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String line = Head.line(in, MAX_HEAD_BYTES);
                int semicolon = line.indexOf(';');
                String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
                long size;
                try {
                    size = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size '" + hex + "'");
                }
                if (size < 0 || body.size() + size > MAX_REPLY_BYTES) throw tooLarge();
                if (size == 0) break;
                byte[] chunk = in.readNBytes((int) size);
                if (chunk.length < size) throw new IOException("reply ended inside a chunk");
                body.write(chunk);
                if (!Head.line(in, 2).isEmpty()) throw new IOException("no line end after a chunk");
            }
            int trailer = 0;
            for (String line; !(line = Head.line(in, MAX_HEAD_BYTES)).isEmpty(); ) {
                trailer += line.length();
                if (trailer > MAX_HEAD_BYTES) throw new IOException("reply trailer over " + MAX_HEAD_BYTES + " bytes");
            }
            return body.toByteArray();
        }

        private static IOException tooLarge() {
            return new IOException("reply body larger than " + MAX_REPLY_BYTES + " bytes");
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing: nothing left to tell anyone
            }
            try {
                channel.close();
            } catch (IOException e) {
                // as above
            }
        }
    }

    /** A reply's status line and the headers this client acts on. */
    private record Head(int status, boolean keepAlive, boolean chunked, long contentLength, boolean gzip) {
        static Head read(InputStream in) throws IOException {
            int budget = MAX_HEAD_BYTES;
            String status = line(in, budget);
            budget -= status.length() + 2;
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("not an HTTP reply: '" + status + "'");
            int code;
            try {
                code = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("bad status line '" + status + "'");
            }
            boolean keepAlive = parts[0].equals("HTTP/1.1");
            boolean chunked = false;
            boolean gzip = false;
            long length = -1;
            for (String line; !(line = line(in, budget)).isEmpty(); ) {
                budget -= line.length() + 2;
                int colon = line.indexOf(':');
                if (colon <= 0) throw new IOException("bad reply header '" + line + "'");
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                String lower = value.toLowerCase(Locale.ROOT);
                switch (name) {
                    case "connection" -> {
                        if (lower.contains("close")) keepAlive = false;
                        else if (lower.contains("keep-alive")) keepAlive = true;
                    }
                    case "transfer-encoding" -> chunked = lower.endsWith("chunked");
                    case "content-encoding" -> gzip = lower.equals("gzip");
                    case "content-length" -> {
                        try {
                            length = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new IOException("bad Content-Length '" + value + "'");
                        }
                        if (length < 0) throw new IOException("bad Content-Length '" + value + "'");
                    }
                    default -> { }
                }
            }
            return new Head(code, keepAlive, chunked, length, gzip);
        }

        /** One line without its CRLF (a bare LF ends one too); at most {@code max} bytes. */
        static String line(InputStream in, int max) throws IOException {
            StringBuilder s = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b == -1) throw new IOException(s.length() == 0 ? "connection closed before a reply" : "reply ended mid-line");
                if (b == '\n') break;
                if (b != '\r') {
                    if (s.length() >= max) throw new IOException("reply head over " + MAX_HEAD_BYTES + " bytes");
                    s.append((char) b);
                }
            }
            return s.toString();
        }
    }
}
