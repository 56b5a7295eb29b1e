package org.ringfs.metrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.MetricsToken;
import org.ringfs.security.RequestSigner;
import org.ringfs.server.EchoHandler;
import org.ringfs.server.ServerShell;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /metrics on the server shell: who may scrape, and that the shell counts what it serves and refuses. */
class MetricsEndpointTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ServerShell shell;

    @AfterEach
    void stop() throws Exception {
        if (shell != null) shell.close();
    }

    private ServerShell start(ClusterSecret secret) throws Exception {
        shell = ServerShell.builder("metrics-test").wire("test").secret(secret).handler(new EchoHandler()).start();
        return shell;
    }

    private HttpResponse<String> scrape(String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shell.port() + MetricsEndpoint.PATH));
        if (authorization != null) r.header("Authorization", authorization);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shell.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(r::header);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOpenServerServesItsMetricsToAnyoneInTheTextFormat() throws Exception {
        start(null);
        post("/x", "hello", Map.of());
        HttpResponse<String> r = scrape(null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        MetricsText metrics = new MetricsText(r.body());
        for (String name : new String[] {"ringfs_requests_total", "ringfs_request_duration_seconds", "ringfs_received_bytes_total",
                "ringfs_sent_bytes_total", "ringfs_refused_requests_total"}) {
            assertThat(r.body()).contains("# HELP " + name.replaceAll("_total$", ""));
        }
        assertThat(metrics.value("ringfs_refused_requests_total{reason=\"stale\"}")).isZero();
        assertThat(metrics.declares("ringfs_request_duration_seconds")).isTrue();
        assertThat(metrics.declares("jvm_memory_used_bytes")).isTrue();
    }

    @Test
    void everyRequestIsCountedUnderItsOperationWithItsBytesAndLatency() throws Exception {
        start(null);
        assertThat(post("/x", "hello", Map.of()).body()).isEqualTo("got hello");
        assertThat(post("/x", "hello again", Map.of()).statusCode()).isEqualTo(200);
        MetricsText metrics = new MetricsText(scrape(null).body());
        assertThat(metrics.value("ringfs_requests_total{code=\"200\",operation=\"echo\",wire=\"test\"}")).isEqualTo(2);
        assertThat(metrics.value("ringfs_request_duration_seconds_count{operation=\"echo\",wire=\"test\"}")).isEqualTo(2);
        assertThat(metrics.value("ringfs_received_bytes_total{operation=\"echo\",wire=\"test\"}")).isEqualTo(5 + 11);
        assertThat(metrics.value("ringfs_sent_bytes_total{operation=\"echo\",wire=\"test\"}")).isEqualTo(9 + 15);
        // The scrape before this one is counted too, on the metrics wire.
        MetricsText later = new MetricsText(scrape(null).body());
        assertThat(later.value("ringfs_requests_total{code=\"200\",operation=\"scrape\",wire=\"metrics\"}")).isEqualTo(1);
    }

    @Test
    void withASecretTheMetricsNeedItsBearerTokenAndEveryRefusalCounts() throws Exception {
        ClusterSecret secret = ClusterSecret.random();
        start(secret);
        String token = MetricsToken.of(secret).value();

        HttpResponse<String> none = scrape(null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ringfs metrics\"");
        assertThat(none.body()).doesNotContain("ringfs_");
        assertThat(scrape("Bearer " + MetricsToken.of(ClusterSecret.random()).value()).statusCode()).isEqualTo(401);
        assertThat(scrape("Bearer").statusCode()).isEqualTo(401);
        // Other credentials are the server's business: here an unsigned call, refused by its own check.
        assertThat(scrape("Basic " + token).statusCode()).isEqualTo(401);
        // An unsigned call to the server itself is refused as before, and counted by its reason.
        assertThat(post("/x", "hello", Map.of()).statusCode()).isEqualTo(401);
        byte[] body = "signed".getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = new RequestSigner(secret).headers("POST", "/x", BodyDigest.of(body, 0, body.length));
        assertThat(post("/x", "signed", signed).body()).isEqualTo("got signed");

        HttpResponse<String> ok = scrape("Bearer " + token);
        assertThat(ok.statusCode()).isEqualTo(200);
        MetricsText metrics = new MetricsText(ok.body());
        assertThat(metrics.value("ringfs_refused_requests_total{reason=\"metrics_token\"}")).isEqualTo(3);
        assertThat(metrics.value("ringfs_refused_requests_total{reason=\"unsigned\"}")).isEqualTo(2);
        assertThat(metrics.value("ringfs_requests_total{code=\"401\",operation=\"scrape\",wire=\"metrics\"}")).isEqualTo(3);
        assertThat(metrics.value("ringfs_requests_total{code=\"200\",operation=\"echo\",wire=\"test\"}")).isEqualTo(1);
        assertThat(metrics.value("ringfs_requests_total{code=\"401\",operation=\"other\",wire=\"test\"}")).isEqualTo(2);
    }

    @Test
    void otherMethodsOnTheMetricsPathAreTheServersOwn() throws Exception {
        start(null);
        HttpResponse<String> r = post(MetricsEndpoint.PATH, "a file's bytes", Map.of());
        assertThat(r.body()).isEqualTo("got a file's bytes");
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shell.port() + MetricsEndpoint.PATH))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aGetWithADriveUsersLoginIsTheServersNotAScrape() throws Exception {
        // The WebDAV drive may hold a file named metrics at its root; its users log in with Basic.
        start(null);
        HttpResponse<String> r = scrape("Basic " + java.util.Base64.getEncoder().encodeToString("ann:pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("got ");
        assertThat(scrape(null).body()).contains("ringfs_requests_total");
        assertThat(scrape("bearer anything").body()).contains("ringfs_requests_total"); // open: any bearer scrapes
    }

    @Test
    void theTokenIsTheSecretsOwnAndNeverPrinted() {
        ClusterSecret secret = ClusterSecret.random();
        MetricsToken token = MetricsToken.of(secret);
        assertThat(token.value()).matches("[0-9a-f]{64}").isEqualTo(MetricsToken.of(secret).value());
        assertThat(token.value()).isNotEqualTo(MetricsToken.of(ClusterSecret.random()).value());
        assertThat(token.matches(token.value())).isTrue();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void aFigureThatFailsIsLeftOutOfTheScrapeAndTheOthersStay() throws Exception {
        start(null);
        shell.metrics().gauge("ringfs_test_good_bytes", "a figure that reads", () -> 42);
        shell.metrics().gauge("ringfs_test_bad_bytes", "a figure that fails", () -> {
            throw new IllegalStateException("the store is not open");
        });
        HttpResponse<String> r = scrape(null);
        assertThat(r.statusCode()).isEqualTo(200);
        MetricsText metrics = new MetricsText(r.body());
        assertThat(metrics.value("ringfs_test_good_bytes")).isEqualTo(42);
        assertThat(r.body()).doesNotContain("ringfs_test_bad_bytes ");
    }
}
