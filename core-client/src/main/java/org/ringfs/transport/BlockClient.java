package org.ringfs.transport;

import org.ringfs.api.BlockData;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockPayload;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.BlockService;
import org.ringfs.api.DataServerStatus;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.RequestSigner;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link BlockService} of one data server over binary HTTP ({@link BlockProtocol}). Connections are
 * kept alive and shared by all threads. An unreachable server is UNAVAILABLE.
 */
public final class BlockClient implements BlockService {
    private static final String EMPTY_BODY_SHA256 = BodyDigest.ofEmpty();

    private final HttpClient http;
    private final String address;
    private final String base;
    private final Duration timeout;
    private final RequestSigner signer;

    /**
     * @param http    shared by every BlockClient of one process (it owns the connection pool)
     * @param address host:port of the data server
     * @param signer  signs every request with the cluster secret; null for a cluster that runs open
     */
    public BlockClient(HttpClient http, String address, Duration timeout, RequestSigner signer) {
        this(http, address, timeout, signer, false);
    }

    /** @param tls https (the {@code http} client carries the trust, see {@link #newHttpClient(Duration, SSLContext)}) */
    public BlockClient(HttpClient http, String address, Duration timeout, RequestSigner signer, boolean tls) {
        this.http = http;
        this.address = address;
        this.base = (tls ? "https://" : "http://") + address;
        this.timeout = timeout;
        this.signer = signer;
    }

    public BlockClient(HttpClient http, String address, Duration timeout) {
        this(http, address, timeout, null);
    }

    /** An HTTP client fit for block traffic: HTTP/1.1, kept-alive connections. */
    public static HttpClient newHttpClient(Duration connectTimeout) {
        return newHttpClient(connectTimeout, null);
    }

    /** The same, trusting what {@code tls} trusts for https (null: the JDK's default trust). */
    public static HttpClient newHttpClient(Duration connectTimeout, SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
        if (tls != null) b.sslContext(tls);
        return b.build();
    }

    public String address() { return address; }

    @Override
    public void put(BlockKey key, BlockPayload payload) throws RingFsException {
        String path = BlockProtocol.BLOCKS + "/" + key.path();
        HttpRequest req = (signer == null ? request("PUT", path) : request("PUT", path, payload.sha256Hex()))
                .header(BlockProtocol.CHUNK_SIZE, Integer.toString(payload.chunkSize()))
                .header(BlockProtocol.CHUNK_CRCS, BlockProtocol.crcList(payload.chunkCrcs()))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(payload.bytes(), 0, payload.length()))
                .build();
        send(req, HttpResponse.BodyHandlers.discarding(), "put " + key);
    }

    @Override
    public BlockData get(BlockKey key) throws RingFsException {
        return fetch(key, BlockProtocol.BLOCKS + "/" + key.path());
    }

    @Override
    public BlockData read(BlockKey key, int offset, int length) throws RingFsException {
        if (offset < 0 || length < 0) throw new RingFsException(ErrorCode.INVALID, "negative offset or length");
        return fetch(key, BlockProtocol.BLOCKS + "/" + key.path() + "?offset=" + offset + "&length=" + length);
    }

    private BlockData fetch(BlockKey key, String path) throws RingFsException {
        HttpResponse<byte[]> r = send(request("GET", path).GET().build(), HttpResponse.BodyHandlers.ofByteArray(), "get " + key);
        try {
            int offset = Integer.parseInt(header(r, BlockProtocol.OFFSET));
            int blockLength = Integer.parseInt(header(r, BlockProtocol.BLOCK_LENGTH));
            int chunkSize = Integer.parseInt(header(r, BlockProtocol.CHUNK_SIZE));
            int[] crcs = BlockProtocol.parseCrcList(r.headers().firstValue(BlockProtocol.CHUNK_CRCS).orElse(""));
            byte[] body = r.body();
            return new BlockData(key, body, offset, body.length, blockLength, chunkSize, crcs);
        } catch (NumberFormatException e) {
            throw new RingFsException(ErrorCode.CORRUPT, "data server " + address + " sent bad headers for " + key);
        }
    }

    @Override
    public void delete(BlockKey key) throws RingFsException {
        send(request("DELETE", BlockProtocol.BLOCKS + "/" + key.path()).DELETE().build(),
                HttpResponse.BodyHandlers.discarding(), "delete " + key);
    }

    @Override
    public void deleteFile(long inode, long fromIndex) throws RingFsException {
        send(request("DELETE", BlockProtocol.BLOCKS + "/" + inode + "?from=" + fromIndex).DELETE().build(),
                HttpResponse.BodyHandlers.discarding(), "delete file " + inode);
    }

    @Override
    public List<StoredBlock> list(BlockKey after, int limit) throws RingFsException {
        String q = BlockProtocol.BLOCKS + "?limit=" + limit + (after == null ? "" : "&after=" + after.path());
        String body = send(request("GET", q).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
                "list").body();
        List<StoredBlock> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) out.add(StoredBlock.parseLine(line));
        }
        return out;
    }

    @Override
    public StoredBlock verify(BlockKey key) throws RingFsException {
        String body = send(request("GET", BlockProtocol.VERIFY + "/" + key.path()).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), "verify " + key).body();
        return StoredBlock.parseLine(body.trim());
    }

    @Override
    public DataServerStatus status() throws RingFsException {
        return DataServerStatus.parse(send(request("GET", BlockProtocol.STATUS).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), "status").body());
    }

    @Override
    public void corrupt(BlockKey key, int offset) throws RingFsException {
        send(request("POST", BlockProtocol.FAULT_CORRUPT + "/" + key.path() + "?offset=" + offset)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding(), "corrupt " + key);
    }

    /** A request without a body. */
    private HttpRequest.Builder request(String method, String pathAndQuery) {
        return request(method, pathAndQuery, EMPTY_BODY_SHA256);
    }

    /** @param pathAndQuery raw, as sent: the signature covers it byte for byte */
    private HttpRequest.Builder request(String method, String pathAndQuery, String bodySha256Hex) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout);
        if (signer != null) signer.headers(method, pathAndQuery, bodySha256Hex).forEach(b::header);
        return b;
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler, String what)
            throws RingFsException {
        HttpResponse<T> r;
        try {
            r = http.send(req, info -> info.statusCode() / 100 == 2
                    ? handler.apply(info)
                    : HttpResponse.BodySubscribers.replacing(null));
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.UNAVAILABLE, "data server " + address + " unreachable (" + what + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RingFsException(ErrorCode.UNAVAILABLE, "interrupted while calling " + address + " (" + what + ")", e);
        }
        if (r.statusCode() / 100 != 2) {
            ErrorCode code = ErrorCode.ofName(header(r, BlockProtocol.ERROR));
            String held = header(r, BlockProtocol.GENERATION);
            throw new RingFsException(code, "data server " + address + ": " + what + ": HTTP " + r.statusCode() + " " + code
                    + (held.isEmpty() ? "" : " (holds generation " + held + ")"));
        }
        return r;
    }
}
