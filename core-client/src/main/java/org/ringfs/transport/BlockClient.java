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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        exchange("PUT", BlockProtocol.BLOCKS + "/" + key.path(), payload, false, "put " + key);
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
        Reply r = exchange("GET", path, null, true, "get " + key);
        HttpURLConnection c = r.connection();
        byte[] body = r.body();
        try {
            int offset = Integer.parseInt(header(c, BlockProtocol.OFFSET));
            int blockLength = Integer.parseInt(header(c, BlockProtocol.BLOCK_LENGTH));
            int chunkSize = Integer.parseInt(header(c, BlockProtocol.CHUNK_SIZE));
            int[] crcs = BlockProtocol.parseCrcList(header(c, BlockProtocol.CHUNK_CRCS));
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
        exchange(method, pathAndQuery, null, false, what);
    }

    /** A call without a body whose reply is UTF-8 text. */
    private String text(String method, String pathAndQuery, String what) throws RingFsException {
        return new String(exchange(method, pathAndQuery, null, true, what).body(), StandardCharsets.UTF_8);
    }

    private record Reply(HttpURLConnection connection, byte[] body) {}

    /**
     * One request and its reply. A pooled connection the server has closed meanwhile (it restarted,
     * or idled the connection out) fails before any reply; every block request but the fault
     * injection's POST is idempotent, so such a failure is retried once on another connection.
     *
     * @param pathAndQuery raw, as sent: the signature covers it byte for byte
     * @param body         the PUT body, or null
     */
    private Reply exchange(String method, String pathAndQuery, BlockPayload body, boolean wantBody, String what)
            throws RingFsException {
        String digest = body == null || signer == null ? EMPTY_BODY_SHA256 : body.sha256Hex();
        for (int attempt = 1; ; attempt++) {
            HttpURLConnection c = open(method, pathAndQuery, digest, what);
            try {
                return new Reply(c, reply(c, wantBody, what, send(c, method, body)));
            } catch (NoReply e) {
                // A timeout is a slow or hung server, not a stale connection: asking again would double the wait.
                boolean stale = !(e.cause instanceof SocketTimeoutException);
                if (attempt >= 2 || method.equals("POST") || !stale) throw unreachable(what, e.cause);
            }
        }
    }

    /** Writes the body, if any; a failure to write is returned, not thrown: the server may have replied. */
    private static IOException send(HttpURLConnection c, String method, BlockPayload body) {
        if (body == null && !method.equals("POST")) return null;
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body == null ? 0 : body.length());
        if (body != null) {
            c.setRequestProperty(BlockProtocol.CHUNK_SIZE, Integer.toString(body.chunkSize()));
            c.setRequestProperty(BlockProtocol.CHUNK_CRCS, BlockProtocol.crcList(body.chunkCrcs()));
            c.setRequestProperty("Content-Type", "application/octet-stream");
        }
        try (OutputStream out = c.getOutputStream()) {
            if (body != null) out.write(body.bytes(), 0, body.length());
            return null;
        } catch (IOException e) {
            // A server that refuses early (too large, unsigned) replies and closes while the body
            // is still going out: its reply, when it arrived, says more than the broken pipe.
            return e;
        }
    }

    /** The request got no reply at all: nothing reached the server, or it closed the connection first. */
    private static final class NoReply extends Exception {
        final IOException cause;

        NoReply(IOException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }

    private HttpURLConnection open(String method, String pathAndQuery, String bodySha256Hex, String what)
            throws RingFsException {
        try {
            HttpURLConnection c = connections.open(new URL(base + pathAndQuery), timeout);
            c.setRequestMethod(method);
            if (signer != null) signer.headers(method, pathAndQuery, bodySha256Hex).forEach(c::setRequestProperty);
            return c;
        } catch (IOException e) {
            throw unreachable(what, e);
        }
    }

    /**
     * Reads the reply: its body when {@code wantBody} and the status is 2xx, else drains it so the
     * connection can be reused. A non-2xx status is the server's error code.
     */
    private byte[] reply(HttpURLConnection c, boolean wantBody, String what, IOException sendFailure)
            throws RingFsException, NoReply {
        int status;
        try {
            status = c.getResponseCode();
        } catch (IOException e) {
            if (sendFailure != null) e.addSuppressed(sendFailure);
            throw new NoReply(e);
        }
        if (status / 100 != 2) {
            ErrorCode code = ErrorCode.ofName(header(c, BlockProtocol.ERROR));
            String held = header(c, BlockProtocol.GENERATION);
            RingFsException refusal = new RingFsException(code, "data server " + address + ": " + what + ": HTTP " + status
                    + " " + code + (held.isEmpty() ? "" : " (holds generation " + held + ")"));
            IOException undrained = drain(c.getErrorStream());
            if (undrained != null) refusal.addSuppressed(undrained); // only the connection's reuse is lost
            throw refusal;
        }
        if (sendFailure != null) throw unreachable(what, sendFailure); // 2xx to a body that did not all go out
        try (InputStream in = c.getInputStream()) {
            if (!wantBody) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            long declared = c.getContentLengthLong();
            if (declared > MAX_REPLY_BYTES) {
                throw new RingFsException(ErrorCode.CORRUPT, "data server " + address + ": " + what + ": reply of "
                        + declared + " bytes exceeds " + MAX_REPLY_BYTES);
            }
            if (declared >= 0) {
                // Straight into the one array: readNBytes(int) reads 8 KiB pieces and copies them together.
                byte[] body = new byte[(int) declared];
                int got = in.readNBytes(body, 0, body.length);
                if (got < declared) throw new IOException("reply ended after " + got + " of " + declared + " bytes");
                return body;
            }
            byte[] body = in.readNBytes(MAX_REPLY_BYTES + 1);
            if (body.length > MAX_REPLY_BYTES) {
                throw new RingFsException(ErrorCode.CORRUPT, "data server " + address + ": " + what + ": reply exceeds "
                        + MAX_REPLY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw unreachable(what, e);
        }
    }

    /** Reads an error reply to its end so that its connection goes back to the pool; the failure if it could not. */
    private static IOException drain(InputStream errorBody) {
        if (errorBody == null) return null;
        try (errorBody) {
            errorBody.readNBytes(64 * 1024);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private RingFsException unreachable(String what, IOException e) {
        return new RingFsException(ErrorCode.UNAVAILABLE, "data server " + address + " unreachable (" + what + "): " + e, e);
    }

    private static String header(HttpURLConnection c, String name) {
        String v = c.getHeaderField(name);
        return v == null ? "" : v;
    }
}
