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
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How a process calls the cluster's servers, meta members and data servers alike: HTTP/1.1
 * requests over kept-alive connections, one exchange at a time on each, pooled for the whole
 * process. Before a connection is reused it is checked without waiting (a non-blocking read that
 * must find nothing): one the server closed, after a restart or its idle timeout, is dropped, so
 * the request goes out on a fresh one. A request is sent once: a connection that fails under it
 * fails the exchange (asking again is the caller's call, for what it knows to be idempotent), and
 * so does an interrupt of the calling thread (the channel closes).
 *
 * <p>Not HttpURLConnection: before a POST of a fixed length on a kept-alive connection it waits a
 * millisecond for the server to have closed it (a blocking read with a 1 ms timeout): on a quiet
 * local cluster that was two thirds of a stat's round trip; and its layers (URL parsing, header
 * maps, the keep-alive cache) were among a young client's costliest compilations (548 ms of C2
 * for getInputStream0 alone). Not java.net.http: twice the CPU per call.
 */
final class HttpConnections {
    /** The status line and headers of a reply, at most. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** A non-2xx reply's body is read (so the connection can be reused) up to this size, else the connection closed. */
    static final int MAX_ERROR_BODY = 64 * 1024;
    /** An idle connection older than this is closed, not reused: our servers close idle ones at 30 s. */
    static final Duration MAX_IDLE = Duration.ofSeconds(15);
    /** Idle connections kept per server; more are closed when their exchange ends. */
    static final int MAX_IDLE_PER_SERVER = 64;

    /**
     * Idle connections of the whole process by server and trust, most recently used first: clients
     * made for one call each (readiness polls, admin commands) reuse them rather than leave their own open.
     */
    private static final Map<Server, ArrayDeque<Connection>> IDLE = new ConcurrentHashMap<>();
    /**
     * Closes connections idle past their limit even when no exchange comes to find them: our
     * servers close theirs at 30 s, and a mount that went quiet would otherwise hold every
     * connection it ever kept, half-closed, until its next call to that server.
     */
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ringfs-idle-connections");
        t.setDaemon(true);
        return t;
    });
    static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    static {
        SWEEPER.scheduleWithFixedDelay(HttpConnections::closeExpired, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private final SSLContext tls;
    private final int connectMillis;
    private final long maxIdleNanos;

    /** @param tls what https connections trust; null: the JDK's default trust */
    HttpConnections(SSLContext tls, Duration connectTimeout) {
        this(tls, connectTimeout, MAX_IDLE);
    }

    /** @param maxIdle an idle connection older than this is closed, not reused (tests shorten it) */
    HttpConnections(SSLContext tls, Duration connectTimeout, Duration maxIdle) {
        this.tls = tls;
        this.connectMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        this.maxIdleNanos = maxIdle.toNanos();
    }

    /**
     * What a server answered: its status, its headers (names in lower case), and its body (for a
     * non-2xx status, empty when it was too long to read).
     */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        boolean ok() { return status >= 200 && status <= 299; }

        /** The header's value, or "" when the reply has none. */
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        boolean gzip() { return header("Content-Encoding").equalsIgnoreCase("gzip"); }
    }

    /** A reply whose body is longer than the caller said it would read: the server is not speaking our protocol. */
    static final class ReplyTooLargeException extends IOException {
        ReplyTooLargeException(long max) {
            super("reply body larger than " + max + " bytes");
        }
    }

    /** POSTs {@code body} whole; the reply's body is read up to {@code maxBody} bytes. */
    Reply post(URI uri, Map<String, String> headers, byte[] body, int replyTimeoutMillis, int maxBody) throws IOException {
        return exchange("POST", uri, headers, body, body.length, replyTimeoutMillis, maxBody);
    }

    /**
     * One request and its reply; each read of the reply waits at most {@code replyTimeoutMillis}.
     * A 2xx reply's body is read straight into one array of its Content-Length.
     *
     * @param headers    extra request headers (Host and Content-Length are this class's)
     * @param body       the request body, its first {@code bodyLength} bytes sent; null for none
     * @param maxBody    the longest 2xx body read; a longer one is a {@link ReplyTooLargeException}
     * @throws IOException nothing came back: the request may or may not have reached the server
     */
    Reply exchange(String method, URI uri, Map<String, String> headers, byte[] body, int bodyLength,
                   int replyTimeoutMillis, int maxBody) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !"http".equalsIgnoreCase(uri.getScheme())) throw new IOException("not an http URL: " + uri);
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        Server server = new Server(uri.getHost() + ":" + port, https ? trust() : null);
        boolean sendsLength = body != null || method.equals("POST") || method.equals("PUT");
        byte[] head = head(method, uri, server.address, headers, sendsLength ? bodyLength : -1);
        Connection c = reusable(server);
        if (c == null) c = open(uri.getHost(), port, server.tls);
        boolean keep = false;
        try {
            c.socket.setSoTimeout(Math.max(1, replyTimeoutMillis));
            IOException sendFailure = null;
            try {
                c.out.write(head);
                if (body != null) c.out.write(body, 0, bodyLength);
                c.out.flush();
            } catch (IOException e) {
                // A server that refuses early (too large, unsigned) replies and closes while the body
                // is still going out: its reply, when it arrived, says more than the broken pipe.
                sendFailure = e;
            }
            Reply reply;
            try {
                reply = c.readReply(method, maxBody);
            } catch (IOException e) {
                if (sendFailure != null) e.addSuppressed(sendFailure);
                throw e;
            }
            if (sendFailure != null) {
                if (reply.ok()) throw sendFailure; // a success for a body that did not all go out
                return reply;
            }
            keep = c.keepAlive;
            return reply;
        } finally {
            if (keep) release(server, c);
            else c.close();
        }
    }

    private static byte[] head(String method, URI uri, String host, Map<String, String> headers, int length) {
        StringBuilder h = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        h.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        h.append("Host: ").append(host).append("\r\n");
        if (length >= 0) h.append("Content-Length: ").append(length).append("\r\n");
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

    /** A server as a pool key: its host:port and, over https, the trust its connections were opened with. */
    private record Server(String address, SSLContext tls) {}

    /** The most recently used idle connection to {@code server} that is still open, or null. */
    private Connection reusable(Server server) {
        ArrayDeque<Connection> q = IDLE.get(server);
        if (q == null) return null;
        while (true) {
            Connection c;
            synchronized (q) {
                c = q.pollFirst();
            }
            if (c == null) return null;
            if (System.nanoTime() - c.expiresAt < 0 && c.stillOpen()) return c;
            c.close();
        }
    }

    /** Keeps {@code c} for the next exchange, or closes it when the server has enough idle ones. */
    private void release(Server server, Connection c) {
        ArrayDeque<Connection> q = IDLE.computeIfAbsent(server, m -> new ArrayDeque<>());
        c.expiresAt = System.nanoTime() + maxIdleNanos;
        synchronized (q) {
            if (q.size() < MAX_IDLE_PER_SERVER) {
                q.addFirst(c);
                return;
            }
        }
        c.close();
    }

    /** Closes every pooled connection idle past its limit. */
    static void closeExpired() {
        long now = System.nanoTime();
        for (ArrayDeque<Connection> q : IDLE.values()) {
            List<Connection> expired = new ArrayList<>();
            synchronized (q) {
                q.removeIf(c -> {
                    boolean gone = now - c.expiresAt >= 0;
                    if (gone) expired.add(c);
                    return gone;
                });
            }
            expired.forEach(Connection::close);
        }
    }

    private SSLContext trust() throws IOException {
        if (tls != null) return tls;
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS: " + e.getMessage(), e);
        }
    }

    /** @param tls null: plain http */
    private Connection open(String host, int port, SSLContext tls) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            Socket socket = channel.socket();
            socket.connect(new InetSocketAddress(host, port), connectMillis);
            socket.setTcpNoDelay(true);
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // as HttpsURLConnection checks the server's name
                ssl.setSSLParameters(p);
                socket = ssl;
            }
            return new Connection(channel, socket);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** One kept-alive connection; used by one exchange at a time. */
    private static final class Connection {
        private final SocketChannel channel;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final ByteBuffer probe = ByteBuffer.allocate(1);
        private boolean keepAlive;
        /** When this connection, idle in the pool, may no longer be reused. */
        private long expiresAt;

        Connection(SocketChannel channel, Socket socket) throws IOException {
            this.channel = channel;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            // A small request's head and body leave in one write (one segment, not two).
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        /** Whether the server left this idle connection open and silent; a read that finds nothing says so. */
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

        Reply readReply(String method, int maxBody) throws IOException {
            Head head = Head.read(in);
            keepAlive = head.keepAlive;
            boolean ok = head.status >= 200 && head.status <= 299;
            byte[] body;
            if (method.equals("HEAD") || head.status < 200 || head.status == 204 || head.status == 304) {
                body = new byte[0]; // a reply that never has a body, whatever its headers say
            } else if (!ok && (head.chunked || head.contentLength < 0 || head.contentLength > MAX_ERROR_BODY)) {
                keepAlive = false; // an error's body we do not wait for: the connection goes with it
                body = new byte[0];
            } else {
                int max = ok ? maxBody : MAX_ERROR_BODY;
                if (head.chunked) {
                    body = readChunked(max);
                } else if (head.contentLength >= 0) {
                    if (head.contentLength > max) throw new ReplyTooLargeException(max);
                    // Straight into the one array: readNBytes(int) would read 8 KiB pieces and copy them together.
                    body = new byte[(int) head.contentLength];
                    int got = in.readNBytes(body, 0, body.length);
                    if (got < body.length) throw new IOException("reply ended after " + got + " of " + body.length + " bytes");
                } else {
                    keepAlive = false; // the body runs to the end of the connection
                    body = in.readNBytes(max + 1);
                    if (body.length > max) throw new ReplyTooLargeException(max);
                }
            }
            return new Reply(head.status, head.headers, body);
        }

        private byte[] readChunked(int max) throws IOException {
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
                if (size < 0 || body.size() + size > max) throw new ReplyTooLargeException(max);
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

    /** A reply's status line and headers. */
    private record Head(int status, boolean keepAlive, boolean chunked, long contentLength, Map<String, String> headers) {
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
            long length = -1;
            Map<String, String> headers = new HashMap<>();
            for (String line; !(line = line(in, budget)).isEmpty(); ) {
                budget -= line.length() + 2;
                int colon = line.indexOf(':');
                if (colon <= 0) throw new IOException("bad reply header '" + line + "'");
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                headers.merge(name, value, (a, b) -> a + ", " + b);
                String lower = value.toLowerCase(Locale.ROOT);
                switch (name) {
                    case "connection" -> {
                        if (lower.contains("close")) keepAlive = false;
                        else if (lower.contains("keep-alive")) keepAlive = true;
                    }
                    case "transfer-encoding" -> chunked = lower.endsWith("chunked");
                    case "content-length" -> {
                        long declared;
                        try {
                            declared = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new IOException("bad Content-Length '" + value + "'");
                        }
                        if (declared < 0 || (length >= 0 && declared != length)) {
                            throw new IOException("bad Content-Length '" + value + "'");
                        }
                        length = declared;
                    }
                    default -> { }
                }
            }
            return new Head(code, keepAlive, chunked, length, headers);
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
