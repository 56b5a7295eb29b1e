package org.ringfs.fuse.mount;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MountOptionsTest {

    @Test
    void aSharedMountLetsTheKernelCheckPermissionsForEveryone() {
        String[] args = new MountOptions(1, 0.5, true).fuseArgs();
        assertThat(args[0]).isEqualTo("-o");
        assertThat(List.of(args[1].split(","))).contains("allow_other", "default_permissions", "big_writes",
                "max_write=131072", "max_read=131072", "fsname=ringfs", "subtype=ringfs",
                "attr_timeout=0", "entry_timeout=0.500");
    }

    @Test
    void anOpenFileWhoseNameGoesIsHiddenByLibfuseNotRemovedHard() {
        // libfuse's .fuse_hidden rename gives fstat a path; RingFuse keeps the name from meta.
        assertThat(List.of(new MountOptions(1, 0, false).fuseArgs()[1].split(","))).doesNotContain("hard_remove");
    }

    @Test
    void aPrivateMountIsNotShared() {
        assertThat(new MountOptions(1, 1, false).fuseArgs()[1]).doesNotContain("allow_other");
    }

    @Test
    void negativeTimeoutsAreRefused() {
        assertThatThrownBy(() -> new MountOptions(-1, 1, false).fuseArgs()).isInstanceOf(IllegalArgumentException.class);
    }
}
