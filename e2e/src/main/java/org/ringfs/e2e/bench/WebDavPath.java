package org.ringfs.e2e.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;

/**
 * The WebDAV path: plain HTTP requests with Basic credentials, as a WebDAV drive sends them (PUT,
 * GET with Range, HEAD, PROPFIND, MOVE, DELETE), over kept-alive connections. GET, PUT, HEAD and
 * DELETE go through the JDK's HttpURLConnection, the lightest HTTP client at hand (a drive's client
 * such as davfs2 or curl costs little next to the server): java.net.http, which the bench used
 * before, cost the bench's own process more CPU than the WebDAV front for a large GET (by the
 * bench's CPU table: 0.99 against 0.77 CPU-s a run for 256 MiB), on the same 2 cores. The methods
 * HttpURLConnection refuses (MKCOL, PROPFIND, MOVE) still go through java.net.http.
 */
final class WebDavPath implements AccessPath {
    private static final java.util.regex.Pattern RESPONSE =
            java.util.regex.Pattern.compile("<([A-Za-z0-9]+:)?response[\\s>]");

    private final String base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AutoCloseable server;

    /** @param base http://host:port of the front; @param server closed with this path */
    WebDavPath(String base, String user, String password, AutoCloseable server) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = server;
    }

    @Override
    public String name() { return "webdav"; }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
                .timeout(Duration.ofMinutes(10));
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> body) throws IOException {
        HttpResponse<T> r;
        try {
            r = http.send(req, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + req.method() + " " + req.uri(), e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new IOException(req.method() + " " + req.uri() + ": HTTP " + r.statusCode());
        }
        return r;
    }

    private void discard(HttpRequest req) throws IOException {
        send(req, HttpResponse.BodyHandlers.discarding());
    }

    @Override
    public void mkdir(String path) throws IOException {
        discard(request(path).method("MKCOL", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A request of {@code method} on {@code path} through HttpURLConnection, its credentials set. */
    private HttpURLConnection connection(String method, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setRequestProperty("Authorization", authorization);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(600_000);
        c.setUseCaches(false);
        return c;
    }

    /** The reply's status, failing on anything but 2xx (an error body is read, so the connection stays). */
    private static int status(HttpURLConnection c, String what) throws IOException {
        int code = c.getResponseCode();
        if (code / 100 != 2) {
            try (InputStream error = c.getErrorStream()) {
                if (error != null) error.readAllBytes();
            }
            throw new IOException(what + ": HTTP " + code);
        }
        return code;
    }

    /** Sends {@code size} bytes from {@code body} as the request's fixed-length body; the reply's status. */
    private static int put(HttpURLConnection c, long size, InputStream body, String what) throws IOException {
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(size);
        try (OutputStream out = c.getOutputStream()) {
            body.transferTo(out);
        }
        int code = status(c, what);
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
        }
        return code;
    }

    @Override
    public void writeLarge(String path, long size) throws IOException {
        put(connection("PUT", path), size, new PatternInputStream(size), "PUT " + path);
    }

    @Override
    public long readLarge(String path) throws IOException {
        HttpURLConnection c = connection("GET", path);
        status(c, "GET " + path);
        byte[] buffer = new byte[Pattern.MIB];
        long total = 0;
        try (InputStream in = c.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) total += n;
        }
        return total;
    }

    @Override
    public RangeReader openRanges(String path) {
        return new RangeReader() {
            @Override
            public int read(long offset, byte[] into, int length) throws IOException {
                HttpURLConnection c = connection("GET", path);
                c.setRequestProperty("Range", "bytes=" + offset + "-" + (offset + length - 1));
                int code = status(c, "GET " + path);
                try (InputStream in = c.getInputStream()) {
                    if (code != 206) throw new IOException("GET " + path + " ignored its Range: HTTP " + code);
                    int got = in.readNBytes(into, 0, length);
                    if (in.read() != -1) throw new IOException("GET " + path + " sent more than the " + length + " bytes asked");
                    return got;
                }
            }

            @Override
            public void close() {
                // nothing held between requests
            }
        };
    }

    @Override
    public void writeSmall(String path, byte[] bytes) throws IOException {
        put(connection("PUT", path), bytes.length, new java.io.ByteArrayInputStream(bytes), "PUT " + path);
    }

    @Override
    public long stat(String path) throws IOException {
        HttpURLConnection c = connection("HEAD", path);
        status(c, "HEAD " + path);
        return c.getContentLengthLong();
    }

    @Override
    public int list(String path) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:propfind xmlns:D=\"DAV:\"><D:prop>"
                + "<D:getcontentlength/><D:resourcetype/></D:prop></D:propfind>";
        String body = send(request(path.endsWith("/") ? path : path + "/").header("Depth", "1")
                        .header("Content-Type", "application/xml")
                        .method("PROPFIND", HttpRequest.BodyPublishers.ofString(xml)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        Matcher m = RESPONSE.matcher(body);
        int responses = 0;
        while (m.find()) responses++;
        return Math.max(0, responses - 1); // the first response is the directory itself
    }

    @Override
    public int readSmall(String path) throws IOException {
        HttpURLConnection c = connection("GET", path);
        status(c, "GET " + path);
        try (InputStream in = c.getInputStream()) {
            return in.readAllBytes().length;
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        discard(request(from).header("Destination", base + to).header("Overwrite", "F")
                .method("MOVE", HttpRequest.BodyPublishers.noBody()).build());
    }

    @Override
    public void delete(String path) throws IOException {
        HttpURLConnection c = connection("DELETE", path);
        status(c, "DELETE " + path);
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
        }
    }

    @Override
    public void deleteTree(String path) throws IOException {
        HttpResponse<Void> r;
        try {
            r = http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: DELETE " + path, e);
        }
        if (r.statusCode() / 100 != 2 && r.statusCode() != 404) throw new IOException("DELETE " + path + ": HTTP " + r.statusCode());
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("stopping the WebDAV front failed", e);
        }
    }

    /** {@code size} bytes of the pattern, streamed. */
    private static final class PatternInputStream extends InputStream {
        private final byte[] mib = Pattern.mebibyte();
        private long left;
        private long position;

        PatternInputStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left == 0) return -1;
            left--;
            return mib[(int) (position++ % mib.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) return -1;
            int at = (int) (position % mib.length);
            int n = (int) Math.min(Math.min(len, left), mib.length - at);
            System.arraycopy(mib, at, b, off, n);
            position += n;
            left -= n;
            return n;
        }
    }
}
