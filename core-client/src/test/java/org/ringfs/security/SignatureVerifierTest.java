package org.ringfs.security;

import org.junit.jupiter.api.Test;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RequestSignature;
import org.ringfs.security.RequestRefusedException.Reason;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SignatureVerifierTest {
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
    final ClusterSecret secret = ClusterSecret.random();
    final SignatureVerifier verifier = new SignatureVerifier(secret, NOW, new ReplayGuard(100, 300_000));
    final byte[] body = "<methodCall/>".getBytes(StandardCharsets.UTF_8);

    Map<String, String> signed(ClusterSecret key, Clock clock, String method, String path, byte[] bytes) {
        return new RequestSigner(key, clock).headers(method, path, BodyDigest.of(bytes, 0, bytes.length));
    }

    Reason refusal(String method, String path, Map<String, String> headers, byte[] bytes) {
        RequestRefusedException e = catchThrowableOfType(RequestRefusedException.class,
                () -> verifier.verify(method, path, headers::get, BodyDigest.of(bytes, 0, bytes.length)));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        return e.reason();
    }

    @Test
    void aServerThatRemembersTooManyNoncesIsBusyNotAnAuthenticationFailure() throws Exception {
        SignatureVerifier small = new SignatureVerifier(secret, NOW, new ReplayGuard(1, 300_000));
        Map<String, String> first = signed(secret, NOW, "POST", "/xmlrpc", body);
        small.verify("POST", "/xmlrpc", first::get, BodyDigest.of(body, 0, body.length));
        Map<String, String> second = signed(secret, NOW, "POST", "/xmlrpc", body);
        RequestRefusedException e = catchThrowableOfType(RequestRefusedException.class,
                () -> small.verify("POST", "/xmlrpc", second::get, BodyDigest.of(body, 0, body.length)));
        assertThat(e.reason()).isEqualTo(Reason.REPLAY_CACHE_FULL);
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE); // 503: try again, not 401: wrong secret
    }

    @Test
    void aSignedRequestPassesOnceAndItsReplayIsRefused() throws Exception {
        Map<String, String> h = signed(secret, NOW, "POST", "/xmlrpc", body);
        verifier.verify("POST", "/xmlrpc", h::get, BodyDigest.of(body, 0, body.length));
        assertThat(refusal("POST", "/xmlrpc", h, body)).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void anythingChangedBreaksTheSignature() {
        Map<String, String> h = signed(secret, NOW, "PUT", "/blocks/1/0/1", body);
        assertThat(refusal("PUT", "/blocks/1/0/1", h, "<methodCall>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal("DELETE", "/blocks/1/0/1", h, body)).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal("PUT", "/blocks/1/0/2", h, body)).isEqualTo(Reason.BAD_SIGNATURE);
        Map<String, String> otherTime = new HashMap<>(h);
        otherTime.put(RequestSignature.TIMESTAMP, Long.toString(NOW.millis() + 1));
        assertThat(refusal("PUT", "/blocks/1/0/1", otherTime, body)).isEqualTo(Reason.BAD_SIGNATURE);
        Map<String, String> otherNonce = new HashMap<>(h);
        otherNonce.put(RequestSignature.NONCE, "AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(refusal("PUT", "/blocks/1/0/1", otherNonce, body)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void anotherKeyIsRefused() {
        assertThat(refusal("GET", "/status", signed(ClusterSecret.random(), NOW, "GET", "/status", new byte[0]),
                new byte[0])).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void missingOrMalformedHeadersAreUnsigned() {
        assertThat(refusal("GET", "/status", Map.of(), new byte[0])).isEqualTo(Reason.UNSIGNED);
        Map<String, String> h = new HashMap<>(signed(secret, NOW, "GET", "/status", new byte[0]));
        h.put(RequestSignature.NONCE, "a\nb");
        assertThat(refusal("GET", "/status", h, new byte[0])).isEqualTo(Reason.UNSIGNED);
        h = new HashMap<>(signed(secret, NOW, "GET", "/status", new byte[0]));
        h.put(RequestSignature.TIMESTAMP, "-5");
        assertThat(refusal("GET", "/status", h, new byte[0])).isEqualTo(Reason.UNSIGNED);
    }

    @Test
    void requestsOutsideTheClockSkewAreStaleEitherWay() {
        long skew = RequestSignature.MAX_CLOCK_SKEW.toMillis();
        Clock past = Clock.offset(NOW, RequestSignature.MAX_CLOCK_SKEW.negated().minusSeconds(1));
        Clock future = Clock.offset(NOW, RequestSignature.MAX_CLOCK_SKEW.plusSeconds(1));
        assertThat(refusal("GET", "/status", signed(secret, past, "GET", "/status", new byte[0]), new byte[0]))
                .isEqualTo(Reason.STALE);
        assertThat(refusal("GET", "/status", signed(secret, future, "GET", "/status", new byte[0]), new byte[0]))
                .isEqualTo(Reason.STALE);
        assertThat(skew).isPositive();
    }
}
