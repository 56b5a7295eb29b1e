package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** `ringfs up --mount DIR`: a newcomer's working drive in one command, gone again with `ringfs down`. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class UpWithMountTest {
    @TempDir
    Path work;

    @Test
    void upMountsTheClusterAndDownUnmountsIt() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.isExecutable(Path.of("/usr/bin/fusermount")),
                "needs FUSE (packages fuse and libfuse2)");
        Path mnt = work.resolve("mnt");
        try (DetachedCluster cluster = DetachedCluster.start(work, "--data-servers", "3", "--meta-replicas", "1", "--no-webdav",
                "--mount", mnt.toString())) {
            assertThat(cluster.up.out()).contains("mounted at " + mnt);
            assertThat(mounted(mnt)).isTrue();

            Files.writeString(mnt.resolve("hello.txt"), "written through the mount\n");
            assertThat(cluster.ok("get", "/hello.txt", "-").out()).isEqualTo("written through the mount\n");
            cluster.ok("mkdir", "/from-cli");
            assertThat(Files.isDirectory(mnt.resolve("from-cli"))).isTrue();

            RingFsProcess.Result down = cluster.ok("down");
            assertThat(down.out()).contains("unmounted");
        }
        assertThat(mounted(mnt)).as("down unmounts").isFalse();
    }

    private static boolean mounted(Path dir) throws Exception {
        return Files.readString(Path.of("/proc/self/mounts"), StandardCharsets.UTF_8).contains(" " + dir + " fuse");
    }
}
