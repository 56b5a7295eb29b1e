package org.ringfs.fuse.fs;

import org.ringfs.fuse.mount.MountOptions;
import org.ringfs.fuse.mount.MountPoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A RingFuse mounted for real in a temporary directory, for fuse-front's mount tests (skipped where FUSE is missing). */
final class TestMount {
    final Path mnt;

    private TestMount(Path mnt) {
        this.mnt = mnt;
    }

    /** Mounts {@code fuse} with {@code options} and waits until the kernel has the mount. */
    static TestMount mount(String prefix, RingFuse fuse, MountOptions options) throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.isExecutable(Path.of("/bin/fusermount")),
                "FUSE is not available here");
        Path mnt = Files.createTempDirectory(prefix).resolve("mnt");
        Files.createDirectories(mnt);
        fuse.mount(mnt, false, false, options.fuseArgs());
        MountPoint mp = new MountPoint(mnt);
        for (int i = 0; i < 100 && !mp.hasLiveRingFs(); i++) Thread.sleep(50);
        assertThat(mp.hasLiveRingFs()).isTrue();
        return new TestMount(mnt);
    }

    /** Runs a bash command in the mount; returns stdout and stderr together, then the exit code. */
    String sh(String command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command).directory(mnt.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS)).isTrue();
        return out + "exit " + p.exitValue();
    }
}
