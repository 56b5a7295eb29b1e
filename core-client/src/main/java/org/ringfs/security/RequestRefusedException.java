package org.ringfs.security;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

/** A request that failed {@link SignatureVerifier}, with why: UNAUTHENTICATED, or UNAVAILABLE when the replay guard is full. */
public final class RequestRefusedException extends RingFsException {
    /** Why a request was refused. */
    public enum Reason {
        /** A signature header is absent or malformed. */
        UNSIGNED,
        /** The HMAC differs: another key, or a changed method, path, time, nonce or body. */
        BAD_SIGNATURE,
        /** The timestamp is further from the server's clock than the allowed skew. */
        STALE,
        /** The nonce was seen before within the skew window. */
        REPLAYED,
        /** The server remembers too many recent nonces to take another (a flood); retry later. */
        REPLAY_CACHE_FULL
    }

    private final Reason reason;

    public RequestRefusedException(Reason reason, String message) {
        // A full replay guard is overload, not a bad credential: 503, and the caller may try again.
        super(reason == Reason.REPLAY_CACHE_FULL ? ErrorCode.UNAVAILABLE : ErrorCode.UNAUTHENTICATED, message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
