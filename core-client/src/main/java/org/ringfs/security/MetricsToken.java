package org.ringfs.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The bearer token that opens {@code GET /metrics} on a cluster with a secret: HMAC-SHA256 of the
 * fixed label {@value #LABEL} under the cluster secret, in hex. Prometheus cannot sign requests as
 * RingFS clients do, but it can send {@code Authorization: Bearer TOKEN} (its
 * {@code bearer_token_file}). The token opens nothing but the metrics, and whoever holds the secret
 * can compute it ({@code ringfs metrics-token}); a new secret makes a new token.
 */
public final class MetricsToken {
    /** What the token is the MAC of; a new label would make every token new. */
    static final String LABEL = "ringfs metrics token v1";

    private final String hex;

    private MetricsToken(String hex) {
        this.hex = hex;
    }

    public static MetricsToken of(ClusterSecret secret) {
        return new MetricsToken(HexFormat.of().formatHex(secret.newMac().doFinal(LABEL.getBytes(StandardCharsets.UTF_8))));
    }

    /** The token as Prometheus sends it after {@code Bearer }. */
    public String value() { return hex; }

    /** Whether a presented token is this one; constant time, so a comparison leaks nothing. Null matches nothing. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(hex.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** Never the token. */
    @Override
    public String toString() { return "MetricsToken(of a cluster secret)"; }
}
