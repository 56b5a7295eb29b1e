package org.ringfs.api;

import java.time.Duration;

/**
 * How a cluster member proves it knows the cluster secret, on both wires (XML-RPC to meta, block
 * HTTP to data servers). The client sends four headers; the server recomputes the HMAC before it
 * parses anything and refuses the request with HTTP 401 ({@link ErrorCode#UNAUTHENTICATED}) when a
 * header is missing, the signature differs, the timestamp is outside {@link #MAX_CLOCK_SKEW}, or the
 * nonce was seen before within that window.
 *
 * <pre>
 * signature = base64( HMAC-SHA256( secret, canonical ) )
 * canonical = "RINGFS-HMAC-SHA256-V1" \n
 *             METHOD (upper case) \n
 *             raw path, plus "?" raw query when there is one, exactly as sent \n
 *             timestamp (decimal milliseconds since the epoch) \n
 *             nonce \n
 *             lower-case hex SHA-256 of the body (of zero bytes when there is none)
 * </pre>
 *
 * The host is not signed: the servers of one cluster share the secret, so a captured request can
 * be replayed to another server at the same path within the skew window. TLS keeps requests from
 * being captured (SECURITY.md).
 */
public final class RequestSignature {
    private RequestSignature() {}

    /** Names the scheme in the canonical string; a new scheme gets a new name. */
    public static final String SCHEME = "RINGFS-HMAC-SHA256-V1";
    /** Milliseconds since the epoch when the client signed. */
    public static final String TIMESTAMP = "X-RingFS-Timestamp";
    /** A random value the server refuses to see twice within the skew window. */
    public static final String NONCE = "X-RingFS-Nonce";
    /** The base64 HMAC-SHA256 of the canonical string. */
    public static final String SIGNATURE = "X-RingFS-Signature";

    /** How far a request's timestamp may be from the server's clock, either way. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Longest nonce a server accepts; a signer sends 22 base64url characters (16 random bytes). */
    public static final int MAX_NONCE_LENGTH = 64;
    /** Bytes of a cluster secret. */
    public static final int SECRET_BYTES = 32;
    /** The MAC algorithm, as javax.crypto names it. */
    public static final String MAC_ALGORITHM = "HmacSHA256";

    /** The string the HMAC covers; see the class comment. */
    public static String canonical(String method, String pathAndQuery, long timestampMillis, String nonce,
                                   String bodySha256Hex) {
        return SCHEME + "\n" + method + "\n" + pathAndQuery + "\n" + timestampMillis + "\n" + nonce + "\n"
                + bodySha256Hex;
    }
}
