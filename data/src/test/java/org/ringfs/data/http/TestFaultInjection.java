package org.ringfs.data.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockKey;
import org.ringfs.api.DataServerStatus;
import org.ringfs.api.ErrorCode;
import org.ringfs.checksum.ChunkChecksums;
import org.ringfs.data.scrub.FailureType;
import org.ringfs.data.scrub.ScrubReport;
import org.ringfs.data.server.DataServer;
import org.ringfs.data.store.TestBlocks;
import org.ringfs.metrics.MetricsEndpoint;
import org.ringfs.metrics.MetricsText;
import org.ringfs.transport.BlockClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A copy corrupted through the fault endpoint: readers, /verify and the scrubber all find it. */
class TestFaultInjection {
    @TempDir
    Path dir;

    @Test
    void aCorruptedCopyIsDetectedEverywhereAndScrubbedAway() throws Exception {
        try (DataServer server = DataServer.builder().name("f1").dir(dir).allowFaultInjection(true)
                .scrubInterval(Duration.ZERO).start()) {
            BlockClient client = new BlockClient(BlockClient.connections(Duration.ofSeconds(5)), server.address(),
                    Duration.ofSeconds(10));
            BlockKey bad = new BlockKey(1, 0, 1);
            for (long i = 0; i < 3; i++) {
                TestBlocks b = TestBlocks.random(i, 200_000, 65536);
                client.put(new BlockKey(1, i, 1), b.bytes(), b.length(), b.chunkSize(), b.crcs());
            }
            assertThat(client.status().faultInjection()).isTrue();
            client.corrupt(bad, 150_000);

            assertThatThrownBy(() -> ChunkChecksums.verify(client.get(bad))).hasFieldOrPropertyWithValue("code", ErrorCode.CORRUPT);
            ChunkChecksums.verify(client.read(bad, 0, 1000)); // chunk 0 is intact
            assertThatThrownBy(() -> client.verify(bad)).hasFieldOrPropertyWithValue("code", ErrorCode.CORRUPT);
            assertThatThrownBy(() -> client.corrupt(bad, 200_000)).hasFieldOrPropertyWithValue("code", ErrorCode.BAD_REQUEST);

            ScrubReport report = server.scrubNow();
            assertThat(report.scanned()).isEqualTo(3);
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo(bad);
                assertThat(f.failure()).isEqualTo(FailureType.CORRUPT_CHUNK);
            });
            assertThat(report.removed()).isEqualTo(1);
            DataServerStatus s = client.status();
            assertThat(s.vitals().corruptBlocks()).isEqualTo(1);
            assertThat(s.vitals().blocks()).isEqualTo(2);
            assertThatThrownBy(() -> client.get(bad)).hasFieldOrPropertyWithValue("code", ErrorCode.BLOCK_NOT_FOUND);
            assertThat(server.scrubNow().findings()).isEmpty();

            // The server's metrics say the same: what the scrubber checked and found, what is left.
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + server.address() + MetricsEndpoint.PATH)).build(), HttpResponse.BodyHandlers.ofString());
            MetricsText metrics = new MetricsText(scrape.body());
            assertThat(metrics.value("ringfs_data_corrupt_copies_found_total")).isEqualTo(1);
            assertThat(metrics.value("ringfs_data_scrubbed_copies_total")).isEqualTo(3 + 2);
            assertThat(metrics.value("ringfs_data_scrubbed_bytes_total")).isEqualTo(5 * 200_000);
            assertThat(metrics.value("ringfs_data_blocks")).isEqualTo(2);
            assertThat(metrics.value("ringfs_data_stored_bytes")).isEqualTo(2 * 200_000);
            assertThat(metrics.value("ringfs_requests_total{code=\"204\",operation=\"fault_corrupt\",wire=\"block\"}")).isEqualTo(1);
            assertThat(metrics.sum("ringfs_requests_total", "operation=\"put_block\"")).isEqualTo(3);
            assertThat(metrics.value("ringfs_received_bytes_total{operation=\"put_block\",wire=\"block\"}")).isEqualTo(3 * 200_000);
        }
    }
}
