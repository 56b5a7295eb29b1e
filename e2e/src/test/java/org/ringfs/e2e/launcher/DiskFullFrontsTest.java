package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.e2e.cluster.Tmpfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 9, item 7, as users meet it: `ringfs up --mount` with its three data servers on 128 MiB
 * tmpfs mounts. Filling the drive through the FUSE mount ends in ENOSPC (errno 28, "No space left
 * on device"), not EIO; on the full cluster a WebDAV PUT is 507 Insufficient Storage and `ringfs
 * put` exits 1 saying so; what was written before reads back; rm and truncate on the mount work,
 * and then the mount and the drive take writes again.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DiskFullFrontsTest {
    static final int FILE_BYTES = 4 << 20;
    static final int MAX_FILES = 32;
    /** What strerror(ENOSPC) says; the JDK puts it in the IOException of a failed write or close. */
    static final String ENOSPC = "No space left on device";

    @TempDir
    Path work;

    @Test
    void theMountSaysEnospcTheDriveSays507AndBothWriteAgainAfterRm() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.isExecutable(Path.of("/usr/bin/fusermount")),
                "needs FUSE (packages fuse and libfuse2)");
        Path mnt = work.resolve("mnt");
        try (Tmpfs tmpfs = new Tmpfs()) {
            for (int k = 1; k <= 3; k++) assumeTrue(tmpfs.mount(work.resolve("var").resolve("data-" + k), 128), tmpfs.lastFailure());
            try (DetachedCluster cluster = DetachedCluster.start(work, "--data-servers", "3", "--meta-replicas", "1", "--mount", mnt.toString())) {
                fillAndFree(cluster, mnt);
            }
        }
    }

    private void fillAndFree(DetachedCluster cluster, Path mnt) throws Exception {
        Matcher drive = Pattern.compile("WebDAV drive: (http://127\\.0\\.0\\.1:[0-9]+/)  user admin  password (\\S+) ")
                .matcher(cluster.up.out());
        assertThat(drive.find()).as(cluster.up.out()).isTrue();
        String url = drive.group(1);
        String credentials = "admin:" + drive.group(2);

        Map<Path, String> stored = new LinkedHashMap<>();
        IOException full = null;
        for (int i = 0; i < MAX_FILES && full == null; i++) {
            Path file = mnt.resolve("f-" + i);
            byte[] data = bytes(i);
            try {
                writeAndSync(file, data);
                stored.put(file, sha256(data));
            } catch (IOException e) {
                full = e;
            }
        }
        if (full == null) fail("wrote " + MAX_FILES + " files of " + FILE_BYTES + " bytes without the drive filling up");
        assertThat(full).as("the write that found the drive full").hasMessageContaining(ENOSPC);
        assertThat(stored).hasSizeGreaterThan(4);
        for (Map.Entry<Path, String> f : stored.entrySet()) {
            assertThat(sha256(Files.readAllBytes(f.getKey()))).as("%s", f.getKey()).isEqualTo(f.getValue());
        }

        assertThat(davPut(url + "full.bin", credentials, bytes(100))).as("WebDAV PUT on a full cluster").isEqualTo(507);
        Path local = work.resolve("local.bin");
        Files.write(local, bytes(101));
        RingFsProcess.Result put = cluster.run("put", local.toString(), "/cli-full.bin");
        assertThat(put.exitCode()).as(put.describe()).isEqualTo(1);
        assertThat(put.err()).contains("no space left on the cluster").contains("(NO_SPACE)");

        // rm and truncate on the full disks: they need only meta and data deletes.
        Path[] files = stored.keySet().toArray(Path[]::new);
        try (FileChannel emptied = FileChannel.open(files[0], StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            emptied.force(true);
        }
        stored.put(files[0], sha256(new byte[0]));
        for (int i = 1; i <= files.length / 2; i++) {
            Files.delete(files[i]);
            stored.remove(files[i]);
        }

        byte[] again = bytes(1000);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                writeAndSync(mnt.resolve("again"), again);
                break;
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains(ENOSPC) || System.nanoTime() > deadline) throw e;
                Thread.sleep(500);
            }
        }
        assertThat(sha256(Files.readAllBytes(mnt.resolve("again")))).isEqualTo(sha256(again));
        assertThat(davPut(url + "again.bin", credentials, bytes(102))).isEqualTo(201);
        for (Map.Entry<Path, String> f : stored.entrySet()) {
            assertThat(sha256(Files.readAllBytes(f.getKey()))).as("%s", f.getKey()).isEqualTo(f.getValue());
        }
    }

    /**
     * write(2)s, fsync and close: ENOSPC may come from any of them, as the mount writes behind. A
     * FileChannel, since FileDescriptor.sync drops the errno ("sync failed") where force keeps it.
     */
    static void writeAndSync(Path file, byte[] data) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int at = 0; at < data.length; at += 128 * 1024) {
                ByteBuffer piece = ByteBuffer.wrap(data, at, Math.min(128 * 1024, data.length - at));
                while (piece.hasRemaining()) out.write(piece);
            }
            out.force(true);
        }
    }

    static int davPut(String url, String credentials, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static byte[] bytes(long seed) {
        byte[] b = new byte[FILE_BYTES];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
