package org.ringfs.security;

import org.ringfs.api.RequestSignature;
import org.ringfs.security.RequestRefusedException.Reason;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The server's side of {@link RequestSignature}, in two halves: the headers and the timestamp
 * before the body is read, then the HMAC over the request and body, then the nonce. Thread-safe.
 */
public final class SignatureVerifier {
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{1," + RequestSignature.MAX_NONCE_LENGTH + "}");
    private static final Pattern MILLIS = Pattern.compile("[0-9]{1,18}");

    private final ClusterSecret secret;
    private final Clock clock;
    private final ReplayGuard replays;

    public SignatureVerifier(ClusterSecret secret, Clock clock, ReplayGuard replays) {
        this.secret = secret;
        this.clock = clock;
        this.replays = replays;
    }

    public SignatureVerifier(ClusterSecret secret) {
        this(secret, Clock.systemUTC(),
                new ReplayGuard(ReplayGuard.DEFAULT_CAPACITY, RequestSignature.MAX_CLOCK_SKEW.toMillis()));
    }

    /** The signature headers of a request, well-formed and within the clock skew; not yet checked against the body. */
    public record SignedHeaders(long timestamp, String nonce, String signature) {}

    /**
     * The first half of {@link #verify}, which needs no body: a server calls it before it reads
     * one, so an unsigned or stale request costs it no upload.
     *
     * @param header a request header by name, null when absent
     */
    public SignedHeaders headers(Function<String, String> header) throws RequestRefusedException {
        String timestampText = header.apply(RequestSignature.TIMESTAMP);
        String nonce = header.apply(RequestSignature.NONCE);
        String signature = header.apply(RequestSignature.SIGNATURE);
        if (timestampText == null || nonce == null || signature == null) {
            throw new RequestRefusedException(Reason.UNSIGNED, "unsigned request: this cluster needs its secret");
        }
        if (!MILLIS.matcher(timestampText).matches() || !NONCE.matcher(nonce).matches()) {
            throw new RequestRefusedException(Reason.UNSIGNED, "malformed signature headers");
        }
        long timestamp = Long.parseLong(timestampText);
        long now = clock.millis();
        long skew = RequestSignature.MAX_CLOCK_SKEW.toMillis();
        if (Math.abs(now - timestamp) > skew) {
            throw new RequestRefusedException(Reason.STALE, "request signed " + (now - timestamp)
                    + " ms from the server's clock; at most " + skew + " ms allowed (check the clocks)");
        }
        return new SignedHeaders(timestamp, nonce, signature);
    }

    /**
     * The second half: the HMAC over the request as received, then (only for a valid signature,
     * so forged requests cannot fill it) the nonce.
     *
     * @param bodySha256Hex {@link BodyDigest} of the body as received
     */
    public void verify(String method, String pathAndQuery, SignedHeaders signed, String bodySha256Hex)
            throws RequestRefusedException {
        String expected = RequestSigner.sign(secret,
                RequestSignature.canonical(method, pathAndQuery, signed.timestamp(), signed.nonce(), bodySha256Hex));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signed.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new RequestRefusedException(Reason.BAD_SIGNATURE, "bad request signature (wrong cluster secret?)");
        }
        switch (replays.admit(signed.nonce(), signed.timestamp(), clock.millis())) {
            case FRESH -> { }
            case REPLAYED -> throw new RequestRefusedException(Reason.REPLAYED, "replayed request (nonce seen before)");
            case FULL -> throw new RequestRefusedException(Reason.REPLAY_CACHE_FULL,
                    "too many requests in the replay window; retry later");
        }
    }

    /** Both halves at once: returns normally when the request is a member's, fresh and not seen before. */
    public void verify(String method, String pathAndQuery, Function<String, String> header, String bodySha256Hex)
            throws RequestRefusedException {
        verify(method, pathAndQuery, headers(header), bodySha256Hex);
    }
}
