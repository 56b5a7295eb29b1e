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
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link BlockService} of one data server over binary HTTP ({@link BlockProtocol}). Calls block the
 * calling thread; connections are kept alive and shared by all threads of the process. An
 * unreachable server is UNAVAILABLE.
 */
public final class BlockClient implements BlockService {
    private static final String EMPTY_BODY_SHA256 = BodyDigest.ofEmpty();
    /** The largest reply body read: a whole block and a little more (a listing page is far smaller). */
    private static final int MAX_REPLY_BYTES = BlockProtocol.MAX_BLOCK_SIZE + 64 * 1024;

    private final BlockConnections connections;
    private final String address;
    private final String base;
    private final Duration timeout;
    private final RequestSigner signer;

    /**
     * @param connections shared by every BlockClient of one process
     * @param address     host:port of the data server
     * @param signer      signs every request with the cluster secret; null for a cluster that runs open
     * @param tls         https (the connections carry the trust, see {@link #connections(Duration, SSLContext)})
     */
    public BlockClient(BlockConnections connections, String address, Duration timeout, RequestSigner signer, boolean tls) {
        this.connections = connections;
        this.address = address;
        this.base = (tls ? "https://" : "http://") + address;
        this.timeout = timeout;
        this.signer = signer;
    }

    public BlockClient(BlockConnections connections, String address, Duration timeout, RequestSigner signer) {
        this(connections, address, timeout, signer, false);
    }

    public BlockClient(BlockConnections connections, String address, Duration timeout) {
        this(connections, address, timeout, null);
    }

    /** Block connections over plain http. */
    public static BlockConnections connections(Duration connectTimeout) {
        return connections(connectTimeout, null);
    }

    /** Block connections trusting what {@code tls} trusts for https (null: the JDK's default trust). */
    public static BlockConnections connections(Duration connectTimeout, SSLContext tls) {
        return new BlockConnections(connectTimeout, tls);
    }

    public String address() { return address; }

    @Override
    public void put(BlockKey key, BlockPayload payload) throws RingFsException {
        exchange("PUT", BlockProtocol.BLOCKS + "/" + key.path(), payload, "put " + key);
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
        HttpConnections.Reply r = exchange("GET", path, null, "get " + key);
        byte[] body = r.body();
        try {
            int offset = Integer.parseInt(r.header(BlockProtocol.OFFSET));
            int blockLength = Integer.parseInt(r.header(BlockProtocol.BLOCK_LENGTH));
            int chunkSize = Integer.parseInt(r.header(BlockProtocol.CHUNK_SIZE));
            int[] crcs = BlockProtocol.parseCrcList(r.header(BlockProtocol.CHUNK_CRCS));
            return new BlockData(key, body, offset, body.length, blockLength, chunkSize, crcs);
        } catch (NumberFormatException e) {
            throw new RingFsException(ErrorCode.CORRUPT, "data server " + address + " sent bad headers for " + key);
        }
    }

    @Override
    public void delete(BlockKey key) throws RingFsException {
        call("DELETE", BlockProtocol.BLOCKS + "/" + key.path(), "delete " + key);
    }

    @Override
    public void delete(BlockKey key, long orderTerm) throws RingFsException {
        if (orderTerm < 0) throw new IllegalArgumentException("negative meta term " + orderTerm);
        call("DELETE", BlockProtocol.BLOCKS + "/" + key.path() + "?" + BlockProtocol.ORDER_TERM + "=" + orderTerm,
                "delete " + key + " on the order of meta term " + orderTerm);
    }

    @Override
    public List<StoredBlock> list(BlockKey after, int limit) throws RingFsException {
        String q = BlockProtocol.BLOCKS + "?limit=" + limit + (after == null ? "" : "&after=" + after.path());
        List<StoredBlock> out = new ArrayList<>();
        for (String line : text("GET", q, "list").split("\n")) {
            if (!line.isBlank()) out.add(StoredBlock.parseLine(line));
        }
        return out;
    }

    @Override
    public StoredBlock verify(BlockKey key) throws RingFsException {
        return StoredBlock.parseLine(text("GET", BlockProtocol.VERIFY + "/" + key.path(), "verify " + key).trim());
    }

    @Override
    public DataServerStatus status() throws RingFsException {
        return DataServerStatus.parse(text("GET", BlockProtocol.STATUS, "status"));
    }

    @Override
    public void corrupt(BlockKey key, int offset) throws RingFsException {
        call("POST", BlockProtocol.FAULT_CORRUPT + "/" + key.path() + "?offset=" + offset, "corrupt " + key);
    }

    /** A call without a body whose reply body does not matter. */
    private void call(String method, String pathAndQuery, String what) throws RingFsException {
        exchange(method, pathAndQuery, null, what);
    }

    /** A call without a body whose reply is UTF-8 text. */
    private String text(String method, String pathAndQuery, String what) throws RingFsException {
        return new String(exchange(method, pathAndQuery, null, what).body(), StandardCharsets.UTF_8);
    }

    /**
     * One request and its 2xx reply; a non-2xx status is the server's error code. A pooled
     * connection the server closed just as the request went out fails before any reply; every
     * block request but the fault injection's POST is idempotent, so such a failure is asked again
     * once, on another connection.
     *
     * @param pathAndQuery raw, as sent: the signature covers it byte for byte
     * @param body         the PUT body, or null
     */
    private HttpConnections.Reply exchange(String method, String pathAndQuery, BlockPayload body, String what)
            throws RingFsException {
        String digest = body == null || signer == null ? EMPTY_BODY_SHA256 : body.sha256Hex();
        URI uri = URI.create(base + pathAndQuery);
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        for (int attempt = 1; ; attempt++) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (body != null) {
                headers.put("Content-Type", "application/octet-stream");
                headers.put(BlockProtocol.CHUNK_SIZE, Integer.toString(body.chunkSize()));
                headers.put(BlockProtocol.CHUNK_CRCS, BlockProtocol.crcList(body.chunkCrcs()));
            }
            if (signer != null) headers.putAll(signer.headers(method, pathAndQuery, digest)); // a fresh nonce each time
            HttpConnections.Reply reply;
            try {
                reply = connections.http().exchange(method, uri, headers, body == null ? null : body.bytes(),
                        body == null ? 0 : body.length(), timeoutMillis, MAX_REPLY_BYTES);
            } catch (HttpConnections.ReplyTooLargeException e) {
                throw new RingFsException(ErrorCode.CORRUPT, "data server " + address + ": " + what + ": " + e.getMessage(), e);
            } catch (IOException e) {
                // A timeout is a slow or hung server, not a stale connection: asking again would double the wait.
                if (attempt >= 2 || method.equals("POST") || e instanceof SocketTimeoutException) throw unreachable(what, e);
                continue;
            }
            if (!reply.ok()) {
                ErrorCode code = ErrorCode.ofName(reply.header(BlockProtocol.ERROR));
                String held = reply.header(BlockProtocol.GENERATION);
                throw new RingFsException(code, "data server " + address + ": " + what + ": HTTP " + reply.status()
                        + " " + code + (held.isEmpty() ? "" : " (holds generation " + held + ")"));
            }
            return reply;
        }
    }

    private RingFsException unreachable(String what, IOException e) {
        return new RingFsException(ErrorCode.UNAVAILABLE, "data server " + address + " unreachable (" + what + "): " + e, e);
    }
}
