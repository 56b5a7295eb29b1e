package org.ringfs.security;

import org.ringfs.api.RequestSignature;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs a client's requests with the cluster secret ({@link RequestSignature}). Thread-safe. */
public final class RequestSigner {
    private static final int NONCE_BYTES = 16;

    private final ClusterSecret secret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RequestSigner(ClusterSecret secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    public RequestSigner(ClusterSecret secret) {
        this(secret, Clock.systemUTC());
    }

    /**
     * The headers to add to a request.
     *
     * @param pathAndQuery  the raw path, plus "?" and the raw query when there is one, as sent
     * @param bodySha256Hex {@link BodyDigest} of the body
     */
    public Map<String, String> headers(String method, String pathAndQuery, String bodySha256Hex) {
        long timestamp = clock.millis();
        String nonce = newNonce();
        Map<String, String> h = new LinkedHashMap<>();
        h.put(RequestSignature.TIMESTAMP, Long.toString(timestamp));
        h.put(RequestSignature.NONCE, nonce);
        h.put(RequestSignature.SIGNATURE, sign(secret,
                RequestSignature.canonical(method, pathAndQuery, timestamp, nonce, bodySha256Hex)));
        return h;
    }

    private String newNonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sign(ClusterSecret secret, String canonical) {
        return Base64.getEncoder().encodeToString(secret.newMac().doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
