package org.ringfs.fuse.mount;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MountPointTest {

    @Test
    void mountTableEscapesAreDecoded() {
        assertThat(MountPoint.unescape("/tmp/my\\040drive")).isEqualTo("/tmp/my drive");
        assertThat(MountPoint.unescape("/a\\134b")).isEqualTo("/a\\b");
        assertThat(MountPoint.unescape("/plain")).isEqualTo("/plain");
    }

    @Test
    void theRootIsMountedAPlainDirectoryIsNot() throws IOException {
        assertThat(new MountPoint(Path.of("/")).mountedType()).isPresent();
        assertThat(new MountPoint(Path.of("/proc")).mountedType()).contains("proc");
    }

    @Test
    void prepareCreatesAMissingDirectory(@TempDir Path tmp) throws IOException {
        MountPoint mp = new MountPoint(tmp.resolve("mnt"));
        assertThat(mp.mountedType()).isEmpty();
        mp.prepare();
        assertThat(Files.isDirectory(tmp.resolve("mnt"))).isTrue();
        assertThat(mp.hasLiveRingFs()).isFalse();
    }
}
