package org.ringfs.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.RingFsException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Appends from two clients (two mounts, a mount and a WebDAV front): meta decides where each lands. */
@Timeout(30)
class AppendAcrossClientsTest {
    static final int BLOCK = 1024;

    final FakeCluster cluster = new FakeCluster(5, BLOCK);
    final RingFsClient one = cluster.client();
    final RingFsClient two = cluster.client();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void appendsFromTwoClientsAllLandOnceAndWhole() throws Exception {
        one.create("/log", 0644, 0, 0, false).close();
        int writers = 4;
        int records = 60;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                RingFsClient client = w % 2 == 0 ? one : two;
                int writer = w;
                done.add(CompletableFuture.runAsync(() -> appendRecords(client, writer, records), pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String line : read(one, "/log").split("\n", -1)) {
            if (!line.isEmpty()) seen.merge(line, 1, Integer::sum);
        }
        for (int w = 0; w < writers; w++) {
            for (int r = 0; r < records; r++) assertThat(seen.remove(record(w, r))).as(record(w, r)).isEqualTo(1);
        }
        assertThat(seen).as("torn or foreign records").isEmpty();
    }

    @Test
    void anAppendAfterATruncateElsewhereLandsAtTheNewEnd() throws Exception {
        try (OpenFile appender = one.create("/rotated", 0644, 0, 0, false)) {
            appender.append(new byte[1000], 0, 1000);
            appender.flush();
            two.truncate("/rotated", 0); // logrotate's copytruncate, from another client
            byte[] line = "after\n".getBytes(StandardCharsets.UTF_8);
            appender.append(line, 0, line.length);
        }
        assertThat(read(two, "/rotated")).isEqualTo("after\n");
    }

    @Test
    void anAppendAfterAnotherClientsAppendFollowsIt() throws Exception {
        try (OpenFile a = one.create("/f", 0644, 0, 0, false); OpenFile b = two.open("/f", false)) {
            a.append(bytes("a1\n"), 0, 3);
            b.append(bytes("b1\n"), 0, 3);
            b.flush();
            a.flush();
            a.append(bytes("a2\n"), 0, 3);
        }
        assertThat(read(one, "/f")).isEqualTo("b1\na1\na2\n");
    }

    private static void appendRecords(RingFsClient client, int writer, int records) {
        try (OpenFile f = client.open("/log", false)) {
            for (int r = 0; r < records; r++) {
                byte[] line = (record(writer, r) + "\n").getBytes(StandardCharsets.UTF_8);
                f.append(line, 0, line.length);
                if (r % 7 == 0) f.flush(); // commits while the others append
            }
        } catch (RingFsException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record long enough to cross block boundaries now and then. */
    private static String record(int writer, int r) {
        return "writer " + writer + " record " + r + " " + "x".repeat(37 * (r % 5));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(RingFsClient client, String path) throws RingFsException {
        try (OpenFile f = client.open(path, false)) {
            byte[] out = new byte[(int) f.size()];
            int at = 0;
            while (at < out.length) at += f.read(at, out, at, out.length - at);
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
