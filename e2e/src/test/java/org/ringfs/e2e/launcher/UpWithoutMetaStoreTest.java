package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `ringfs up` on a cluster directory whose meta store was removed: it refuses before starting
 * anything and leaves the data stores as they were; `--new-cluster` moves them aside and starts
 * an empty cluster.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class UpWithoutMetaStoreTest {
    @TempDir
    Path work;

    @Test
    void upRefusesADirectoryWhoseMetaStoreIsGoneAndNewClusterMovesTheDataAside() throws Exception {
        Path file = TestFiles.random(work.resolve("f.bin"), 600_000, 7);
        String id;
        try (DetachedCluster first = DetachedCluster.start(work, "--data-servers", "3", "--no-webdav",
                "--block-size", "65536")) {
            first.ok("put", file.toString(), "/f.bin");
            id = property(first.dir, "cluster.id");
            assertThat(id).isNotBlank();
            assertThat(first.ok("status").out()).contains("cluster " + id);
        }
        Path var = work.resolve("var");
        Map<String, Long> before = dataFiles(var);
        assertThat(before).isNotEmpty();
        // Every member of the meta group lost its store.
        for (String member : new String[] {"meta-1", "meta-2", "meta-3"}) {
            Files.move(var.resolve(member), work.resolve(member + ".lost"));
        }

        RingFsProcess ringfs = new RingFsProcess(work);
        RingFsProcess.Result refused = ringfs.run("up", "--detach", "--base-port", "0", "--no-webdav",
                "--dir", var.toString());
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
        assertThat(refused.err()).contains("meta store is gone", id, "Restore the meta store", "--new-cluster");
        assertThat(var.resolve("meta-1")).doesNotExist();
        assertThat(dataFiles(var)).isEqualTo(before);
        for (String name : new String[] {"data-1", "data-2", "data-3"}) {
            assertThat(var.resolve(name).resolve("pid")).as(name + " never started").doesNotExist();
        }

        try (DetachedCluster fresh = DetachedCluster.start(work, "--no-webdav", "--new-cluster")) {
            assertThat(fresh.up.out()).contains("moved " + var.resolve("data-1").resolve("store") + " aside");
            try (Stream<Path> aside = Files.list(var.resolve("data-1"))) {
                assertThat(aside.map(p -> p.getFileName().toString()))
                        .anyMatch(n -> n.startsWith("store.foreign-")).anyMatch(n -> n.startsWith("cluster-id.foreign-"));
            }
            String newId = property(fresh.dir, "cluster.id");
            assertThat(newId).isNotBlank().isNotEqualTo(id);
            assertThat(fresh.ok("ls", "/").out()).doesNotContain("f.bin");
        }
    }

    private static String property(Path var, String key) throws IOException {
        for (String line : Files.readAllLines(var.resolve("cluster.properties"), StandardCharsets.UTF_8)) {
            if (line.startsWith(key + "=")) return line.substring(key.length() + 1);
        }
        return null;
    }

    /** Every file under the data servers' stores and their cluster-id files, with its size. */
    private static Map<String, Long> dataFiles(Path var) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        for (String name : new String[] {"data-1", "data-2", "data-3"}) {
            Path dir = var.resolve(name);
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.filter(Files::isRegularFile).toList()) {
                    String relative = dir.relativize(p).toString();
                    if (relative.startsWith("store") || relative.equals("cluster-id")) files.put(name + "/" + relative, Files.size(p));
                }
            }
        }
        return files;
    }
}
