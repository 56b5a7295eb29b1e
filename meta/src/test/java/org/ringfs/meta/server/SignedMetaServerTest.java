package org.ringfs.meta.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.RingFsException;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.MetaClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A meta server with a cluster secret serves only signed calls; the rest get 401 and change nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SignedMetaServerTest {
    @TempDir static Path dir;
    final ClusterSecret secret = ClusterSecret.random();
    final HttpClient http = HttpClient.newHttpClient();
    MetaServer server;
    MetaClient member;

    @BeforeAll
    void start() throws Exception {
        server = MetaServer.builder().dir(dir.resolve("store")).secret(secret).start();
        member = MetaClient.connect(server.address(), Duration.ofSeconds(10), new RequestSigner(secret), null);
    }

    @AfterAll
    void stop() { server.close(); }

    static byte[] mkdirCall(String path) {
        return ("<?xml version=\"1.0\"?><methodCall><methodName>" + "ringfs.mkdir" + "</methodName><params>"
                + "<param><value>" + path + "</value></param><param><value><i4>493</i4></value></param>"
                + "<param><value><i4>0</i4></value></param><param><value><i4>0</i4></value></param>"
                + "</params></methodCall>").getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> signature(RequestSigner signer, byte[] body) {
        return signer.headers("POST", MetaMethods.PATH, BodyDigest.of(body, 0, body.length));
    }

    HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + server.address() + MetaMethods.PATH))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    void assertAbsent(String path) {
        RingFsException e = catchThrowableOfType(RingFsException.class, () -> member.stat(path));
        assertThat(e).as("%s must not exist", path).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void aSignedClientWorksAndAnUnsignedOneIsUnauthenticated() throws Exception {
        member.mkdir("/members", 0755, 0, 0);
        assertThat(member.stat("/members").id()).isPositive();
        RingFsException e = catchThrowableOfType(RingFsException.class,
                () -> MetaClient.connect(server.address(), Duration.ofSeconds(10), null, null).mkdir("/outsider", 0755, 0, 0));
        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertAbsent("/outsider");
    }

    @Test
    void unsignedWrongKeyAndStaleCallsAre401AndChangeNothing() throws Exception {
        byte[] body = mkdirCall("/refused");
        HttpResponse<String> unsigned = post(body, Map.of());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        // The body may be unread: a pooling client must not send its next call into this connection.
        assertThat(unsigned.headers().firstValue("connection")).hasValue("close");
        assertThat(unsigned.body()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(post(body, signature(new RequestSigner(ClusterSecret.random()), body)).statusCode()).isEqualTo(401);
        Clock longAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));
        assertThat(post(body, signature(new RequestSigner(secret, longAgo), body)).statusCode()).isEqualTo(401);
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6));
        assertThat(post(body, signature(new RequestSigner(secret, ahead), body)).statusCode()).isEqualTo(401);
        assertAbsent("/refused");
    }

    @Test
    void aTamperedBodyIs401AndNeitherCallHappens() throws Exception {
        Map<String, String> signedForA = signature(new RequestSigner(secret), mkdirCall("/a"));
        assertThat(post(mkdirCall("/b"), signedForA).statusCode()).isEqualTo(401);
        assertAbsent("/a");
        assertAbsent("/b");
    }

    @Test
    void aReplayedCallIs401AndDoesNotRedoItsChange() throws Exception {
        byte[] body = mkdirCall("/once");
        Map<String, String> headers = signature(new RequestSigner(secret), body);
        assertThat(post(body, headers).statusCode()).isEqualTo(200);
        member.rmdir("/once");
        assertThat(post(body, headers).statusCode()).isEqualTo(401);
        assertAbsent("/once");
    }
}
