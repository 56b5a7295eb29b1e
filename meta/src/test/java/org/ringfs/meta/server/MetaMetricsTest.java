package org.ringfs.meta.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.MetaService;
import org.ringfs.metrics.MetricsEndpoint;
import org.ringfs.metrics.MetricsText;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.MetricsToken;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.MetaClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Meta's /metrics: each call counted under its name and wire, and meta's own figures. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class MetaMetricsTest {
    @TempDir static Path dir;
    final ClusterSecret secret = ClusterSecret.random();
    MetaServer server;
    MetaService meta;
    MetaService xml;

    @BeforeAll
    void start() throws Exception {
        server = MetaServer.builder().dir(dir.resolve("store")).secret(secret).initialRing(List.of("d1", "d2", "d3")).start();
        meta = MetaClient.connect(server.address(), Duration.ofSeconds(10), new RequestSigner(secret), null);
        xml = MetaClient.connect(server.address(), Duration.ofSeconds(10), new RequestSigner(secret), null).speakingXmlRpc();
    }

    @AfterAll
    void stop() { server.close(); }

    MetricsText scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + server.address() + MetricsEndpoint.PATH))
                .header("Authorization", "Bearer " + MetricsToken.of(secret).value()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return new MetricsText(r.body());
    }

    @Test
    void everyCallIsCountedUnderItsNameWithMetasOwnFigures() throws Exception {
        String stat = "ringfs_requests_total{code=\"200\",operation=\"ringfs.stat\",wire=\"binary\"}";
        String timed = "ringfs_request_duration_seconds_count{operation=\"ringfs.stat\",wire=\"binary\"}";
        String xmlStat = "ringfs_requests_total{code=\"200\",operation=\"ringfs.stat\",wire=\"xmlrpc\"}";
        MetricsText before = scrape();
        meta.stat("/");
        meta.stat("/");
        xml.stat("/");
        MetricsText after = scrape();
        assertThat(after.value(stat)).isEqualTo(before.value(stat) + 2);
        assertThat(after.value(timed)).isEqualTo(before.value(timed) + 2);
        assertThat(after.value(xmlStat)).isEqualTo(before.value(xmlStat) + 1);
        assertThat(after.value("ringfs_received_bytes_total{operation=\"ringfs.stat\",wire=\"binary\"}")).isPositive();
        assertThat(after.value("ringfs_meta_serving")).isEqualTo(1);
        assertThat(after.value("ringfs_meta_term")).isZero();
        assertThat(after.value("ringfs_meta_under_replicated_blocks")).isZero();
        assertThat(after.value("ringfs_meta_data_servers")).isEqualTo(3);
        assertThat(after.value("ringfs_meta_data_servers_alive")).isZero(); // none has heartbeat
        assertThat(after.value("ringfs_je_cache_bytes")).isPositive();
        assertThat(after.value("ringfs_je_log_bytes")).isPositive();
    }
}
