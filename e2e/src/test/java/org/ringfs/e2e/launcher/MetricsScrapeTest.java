package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.MetaMethods;
import org.ringfs.cli.local.FreePorts;
import org.ringfs.metrics.MetricsEndpoint;
import org.ringfs.metrics.MetricsText;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metrics endpoint of a cluster `ringfs up` started (meta, three data servers, the WebDAV
 * front, each its own process, with the cluster's secret) and of a mount started with
 * {@code --metrics-listen}: a scrape needs the token `ringfs metrics-token` prints; every name
 * docs/METRICS.md lists is served by the processes its row names; and the counters move with
 * traffic: a put and a get through the CLI, a GET, a PUT and a failed login on the drive, a read
 * through the mount, an unsigned call to meta.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MetricsScrapeTest {
    private static final int BLOCK = 64 * 1024;
    private static final int FILE_BYTES = 5 * BLOCK + 321;

    @TempDir
    static Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DetachedCluster cluster;
    private Path mount;
    private String token;
    private String adminPassword;
    /** Process kind (meta, data, webdav, mount) to the base URLs of its processes. */
    private final Map<String, List<String>> endpoints = new LinkedHashMap<>();

    @BeforeAll
    void up() throws Exception {
        cluster = DetachedCluster.start(work, "--data-servers", "3", "--meta-replicas", "1", "--block-size", Integer.toString(BLOCK));
        Matcher password = Pattern.compile("user admin\\s+password (\\S+)").matcher(cluster.up.out());
        assertThat(password.find()).as("up prints the first user's password:\n%s", cluster.up.out()).isTrue();
        adminPassword = password.group(1);
        assertThat(cluster.up.out()).contains("GET /metrics").contains("ringfs metrics-token");
        token = cluster.ok("metrics-token").out().trim();
        endpoints.put("meta", List.of(base("meta")));
        endpoints.put("data", List.of(base("data-1"), base("data-2"), base("data-3")));
        endpoints.put("webdav", List.of(base("webdav")));
        if (Files.exists(Path.of("/dev/fuse")) && Files.isExecutable(Path.of("/usr/bin/fusermount"))) {
            mount = work.resolve("mnt");
            int port = FreePorts.pick(1).get(0);
            cluster.ok("mount", "--pid-file", work.resolve("mount.pid").toString(), "--metrics-listen", "127.0.0.1:" + port,
                    mount.toString(), "--detach");
            endpoints.put("mount", List.of("http://127.0.0.1:" + port));
        }
    }

    @AfterAll
    void down() throws Exception {
        try {
            if (mount != null && Files.exists(work.resolve("mount.pid"))) {
                new ProcessBuilder("fusermount", "-u", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            if (cluster != null) cluster.close();
        }
    }

    private String base(String server) throws Exception {
        return "http://127.0.0.1:" + Files.readString(cluster.dir.resolve(server).resolve("port")).trim();
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (authorization != null) r.header("Authorization", authorization);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private MetricsText scrape(String base) throws Exception {
        HttpResponse<String> r = get(base + MetricsEndpoint.PATH, "Bearer " + token);
        assertThat(r.statusCode()).as("scrape of %s", base).isEqualTo(200);
        return new MetricsText(r.body());
    }

    private String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyEndpointRefusesAScrapeWithoutTheClusterTokenAndCountsIt() throws Exception {
        for (List<String> bases : endpoints.values()) {
            for (String base : bases) {
                double before = scrape(base).value("ringfs_refused_requests_total{reason=\"metrics_token\"}");
                HttpResponse<String> none = get(base + MetricsEndpoint.PATH, null);
                assertThat(none.statusCode()).as("%s without a token", base).isEqualTo(401);
                assertThat(none.body()).doesNotContain("ringfs_requests");
                assertThat(get(base + MetricsEndpoint.PATH, "Bearer " + "0".repeat(64)).statusCode())
                        .as("%s with another token", base).isEqualTo(401);
                assertThat(scrape(base).value("ringfs_refused_requests_total{reason=\"metrics_token\"}"))
                        .as("%s counts both refusals", base).isEqualTo(before + 2);
            }
        }
    }

    @Test
    void aFileNamedMetricsAtTheDrivesRootIsItsUsersWithTheirLogin() throws Exception {
        String webdav = endpoints.get("webdav").get(0);
        String login = basic("admin", adminPassword);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(webdav + MetricsEndpoint.PATH))
                .header("Authorization", login).PUT(HttpRequest.BodyPublishers.ofString("my own metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isIn(201, 204);
        HttpResponse<String> mine = get(webdav + MetricsEndpoint.PATH, login);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).isEqualTo("my own metrics");
        assertThat(scrape(webdav).declares("ringfs_requests_total")).isTrue(); // the token still scrapes
        assertThat(get(webdav + MetricsEndpoint.PATH, null).statusCode()).isEqualTo(401);
        HttpResponse<String> gone = http.send(HttpRequest.newBuilder(URI.create(webdav + MetricsEndpoint.PATH))
                .header("Authorization", login).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(204);
    }

    @Test
    void everyDocumentedNameIsServedAndTheCountersMoveWithTraffic() throws Exception {
        String meta = endpoints.get("meta").get(0);
        String webdav = endpoints.get("webdav").get(0);
        MetricsText metaBefore = scrape(meta);
        MetricsText webdavBefore = scrape(webdav);
        List<MetricsText> dataBefore = scrapeAll("data");
        MetricsText mountBefore = mount == null ? null : scrape(endpoints.get("mount").get(0));

        // Traffic: a put and a get through the CLI, a GET, a PUT and a failed login on the drive, a read
        // through the mount, an unsigned call to meta.
        byte[] content = new byte[FILE_BYTES];
        new Random(14).nextBytes(content);
        Path local = work.resolve("file.bin");
        Files.write(local, content);
        cluster.ok("mkdir", "/metrics-test");
        cluster.ok("put", local.toString(), "/metrics-test/file.bin");
        Path copy = work.resolve("copy.bin");
        cluster.ok("get", "/metrics-test/file.bin", copy.toString());
        assertThat(Files.readAllBytes(copy)).isEqualTo(content);
        HttpResponse<String> davGet = get(webdav + "/metrics-test/file.bin", basic("admin", adminPassword));
        assertThat(davGet.statusCode()).isEqualTo(200);
        assertThat(get(webdav + "/metrics-test/file.bin", basic("admin", "not the password")).statusCode()).isEqualTo(401);
        HttpResponse<String> davPut = http.send(HttpRequest.newBuilder(URI.create(webdav + "/metrics-test/put.txt"))
                .header("Authorization", basic("admin", adminPassword))
                .PUT(HttpRequest.BodyPublishers.ofString("x".repeat(1000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(davPut.statusCode()).isEqualTo(201);
        if (mount != null) assertThat(Files.readAllBytes(mount.resolve("metrics-test/file.bin"))).isEqualTo(content);
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(meta + MetaMethods.PATH))
                .POST(HttpRequest.BodyPublishers.ofString("<methodCall/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);

        MetricsText metaAfter = scrape(meta);
        MetricsText webdavAfter = scrape(webdav);
        List<MetricsText> dataAfter = scrapeAll("data");
        Map<String, List<MetricsText>> after = new LinkedHashMap<>();
        after.put("meta", List.of(metaAfter));
        after.put("data", dataAfter);
        after.put("webdav", List.of(webdavAfter));
        MetricsText mountAfter = null;
        if (mount != null) {
            mountAfter = scrape(endpoints.get("mount").get(0));
            after.put("mount", List.of(mountAfter));
        }

        // Every documented name, on every process its row names.
        List<String[]> rows = documentedNames();
        assertThat(rows).hasSizeGreaterThan(30);
        for (String[] row : rows) {
            for (String kind : row[1].split(",\\s*")) {
                if (!after.containsKey(kind)) continue; // no FUSE on this machine
                for (MetricsText served : after.get(kind)) {
                    assertThat(served.declares(row[0])).as("%s serves %s", kind, row[0]).isTrue();
                }
            }
        }

        // Meta: the client's calls, their bytes, and the unsigned call refused.
        assertThat(metaAfter.sum("ringfs_requests_total", "wire=\"binary\"", "operation=\"ringfs.blocks\""))
                .isGreaterThan(metaBefore.sum("ringfs_requests_total", "wire=\"binary\"", "operation=\"ringfs.blocks\""));
        assertThat(metaAfter.sum("ringfs_received_bytes_total", "wire=\"binary\""))
                .isGreaterThan(metaBefore.sum("ringfs_received_bytes_total", "wire=\"binary\""));
        assertThat(metaAfter.value("ringfs_refused_requests_total{reason=\"unsigned\"}"))
                .isEqualTo(metaBefore.value("ringfs_refused_requests_total{reason=\"unsigned\"}") + 1);
        assertThat(metaAfter.value("ringfs_meta_serving")).isEqualTo(1);
        assertThat(metaAfter.value("ringfs_meta_data_servers_alive")).isEqualTo(3);

        // Data servers: at least two copies of every block went in (quorum), at least one came out
        // for the CLI's get, and they now hold them.
        assertThat(sum(dataAfter, "ringfs_received_bytes_total", "operation=\"put_block\"")
                - sum(dataBefore, "ringfs_received_bytes_total", "operation=\"put_block\"")).isGreaterThanOrEqualTo(2.0 * FILE_BYTES);
        assertThat(sum(dataAfter, "ringfs_sent_bytes_total", "operation=\"get_block\"")
                - sum(dataBefore, "ringfs_sent_bytes_total", "operation=\"get_block\"")).isGreaterThanOrEqualTo(FILE_BYTES);
        assertThat(sum(dataAfter, "ringfs_request_duration_seconds_count", "operation=\"put_block\""))
                .isGreaterThan(sum(dataBefore, "ringfs_request_duration_seconds_count", "operation=\"put_block\""));
        assertThat(sum(dataAfter, "ringfs_data_stored_bytes") - sum(dataBefore, "ringfs_data_stored_bytes"))
                .isGreaterThanOrEqualTo(2.0 * FILE_BYTES);
        assertThat(sum(dataAfter, "ringfs_je_log_bytes")).isPositive();

        // The drive: one GET answered with the file, a PUT's body read, one failed login refused.
        assertThat(webdavAfter.value("ringfs_received_bytes_total{operation=\"PUT\",wire=\"webdav\"}")
                - webdavBefore.value("ringfs_received_bytes_total{operation=\"PUT\",wire=\"webdav\"}")).isEqualTo(1000);
        assertThat(webdavAfter.value("ringfs_requests_total{code=\"200\",operation=\"GET\",wire=\"webdav\"}"))
                .isEqualTo(webdavBefore.value("ringfs_requests_total{code=\"200\",operation=\"GET\",wire=\"webdav\"}") + 1);
        assertThat(webdavAfter.value("ringfs_sent_bytes_total{operation=\"GET\",wire=\"webdav\"}")
                - webdavBefore.value("ringfs_sent_bytes_total{operation=\"GET\",wire=\"webdav\"}")).isGreaterThanOrEqualTo(FILE_BYTES);
        assertThat(webdavAfter.value("ringfs_refused_requests_total{reason=\"login_failed\"}"))
                .isEqualTo(webdavBefore.value("ringfs_refused_requests_total{reason=\"login_failed\"}") + 1);

        // The mount: the file read through it.
        if (mountAfter != null) {
            assertThat(mountAfter.value("ringfs_fuse_read_bytes_total") - mountBefore.value("ringfs_fuse_read_bytes_total"))
                    .isGreaterThanOrEqualTo(FILE_BYTES);
            assertThat(mountAfter.value("ringfs_fuse_operations_total{operation=\"read\",result=\"ok\"}"))
                    .isGreaterThan(mountBefore.value("ringfs_fuse_operations_total{operation=\"read\",result=\"ok\"}"));
        }
    }

    @Test
    void theSampleDashboardUsesOnlyDocumentedNames() throws Exception {
        List<String> documented = documentedNames().stream().map(r -> r[0]).toList();
        String dashboard = Files.readString(Path.of("..", "docs", "grafana-dashboard.json"), StandardCharsets.UTF_8);
        Matcher used = Pattern.compile("ringfs_[a-z_]+").matcher(dashboard);
        int names = 0;
        while (used.find()) {
            String name = used.group().replaceAll("_(bucket|count|sum)$", "");
            assertThat(documented).as("docs/METRICS.md documents %s, which the dashboard uses", name).contains(name);
            names++;
        }
        assertThat(names).isGreaterThan(20);
    }

    private List<MetricsText> scrapeAll(String kind) throws Exception {
        List<MetricsText> all = new ArrayList<>();
        for (String base : endpoints.get(kind)) all.add(scrape(base));
        return all;
    }

    private static double sum(List<MetricsText> scrapes, String name, String... labels) {
        return scrapes.stream().mapToDouble(m -> m.sum(name, labels)).sum();
    }

    /** docs/METRICS.md's table: per row the name and the processes that serve it ("meta, data, webdav"). */
    private static List<String[]> documentedNames() throws Exception {
        List<String[]> rows = new ArrayList<>();
        Pattern row = Pattern.compile("^\\| `([a-z_]+)` \\|[^|]*\\|[^|]*\\|[^|]*\\| ([a-z, ]+) \\|");
        for (String line : Files.readAllLines(Path.of("..", "docs", "METRICS.md"), StandardCharsets.UTF_8)) {
            Matcher m = row.matcher(line);
            if (m.find()) rows.add(new String[] {m.group(1), m.group(2).trim()});
        }
        return rows;
    }
}
