package org.ringfs.fuse.fs;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class HiddenNamesTest {

    @Test
    void recognisesExactlyLibfusesPattern() {
        // lib/fuse.c hidden_name: ".fuse_hidden%08x%08x" of the node id and a counter.
        assertThat(HiddenNames.isHiddenName(".fuse_hidden0000000200000001")).isTrue();
        assertThat(HiddenNames.isHiddenName(".fuse_hiddenffffffff0000abcd")).isTrue();
        assertThat(HiddenNames.isHiddenPath("/a/b/.fuse_hidden000000020000000a")).isTrue();
        assertThat(HiddenNames.isHiddenPath("/.fuse_hidden000000020000000a")).isTrue();

        assertThat(HiddenNames.isHiddenName(".fuse_hidden")).isFalse();
        assertThat(HiddenNames.isHiddenName(".fuse_hidden000000020000001")).isFalse();     // 15 digits
        assertThat(HiddenNames.isHiddenName(".fuse_hidden00000002000000011")).isFalse();   // 17 digits
        assertThat(HiddenNames.isHiddenName(".fuse_hidden0000000200000001A")).isFalse();
        assertThat(HiddenNames.isHiddenName(".fuse_hidden000000020000000G")).isFalse();   // not hex
        assertThat(HiddenNames.isHiddenName(".fuse_hidden000000020000000A")).isFalse();   // %x is lower case
        assertThat(HiddenNames.isHiddenName("x.fuse_hidden0000000200000001")).isFalse();
        assertThat(HiddenNames.isHiddenName(".fuse_hidden0000000200000001.txt")).isFalse();
        assertThat(HiddenNames.isHiddenName("fuse_hidden0000000200000001")).isFalse();
        assertThat(HiddenNames.isHiddenName(null)).isFalse();
        assertThat(HiddenNames.isHiddenPath("/.fuse_hidden0000000200000001/file")).isFalse();
        assertThat(HiddenNames.isHiddenPath(null)).isFalse();
    }

    @Test
    void mapsAHiddenPathToItsInodeUntilLibfuseUnlinksIt() {
        HiddenNames hidden = new HiddenNames();
        String p = "/d/.fuse_hidden0000000200000001";
        assertThat(hidden.inode(p)).isEmpty();
        hidden.remember(p, 42);
        assertThat(hidden.inode(p)).isEqualTo(OptionalLong.of(42));
        assertThat(hidden.inode("/e/.fuse_hidden0000000200000001")).isEmpty();
        assertThat(hidden.forget(p)).isTrue();
        assertThat(hidden.forget(p)).isFalse();
        assertThat(hidden.inode(p)).isEmpty();
    }

    @Test
    void aDirectoryRenameTakesItsHiddenPathsAlongAndRmdirForgetsThem() {
        HiddenNames hidden = new HiddenNames();
        hidden.remember("/d/.fuse_hidden0000000200000001", 1);
        hidden.remember("/d/sub/.fuse_hidden0000000300000002", 2);
        hidden.remember("/dd/.fuse_hidden0000000400000003", 3);
        hidden.renamed("/d", "/x");
        assertThat(hidden.inode("/x/.fuse_hidden0000000200000001")).isEqualTo(OptionalLong.of(1));
        assertThat(hidden.inode("/x/sub/.fuse_hidden0000000300000002")).isEqualTo(OptionalLong.of(2));
        assertThat(hidden.inode("/d/.fuse_hidden0000000200000001")).isEmpty();
        assertThat(hidden.inode("/dd/.fuse_hidden0000000400000003")).isEqualTo(OptionalLong.of(3));

        // libfuse hides a hidden file again when something is renamed over it.
        hidden.renamed("/x/.fuse_hidden0000000200000001", "/x/.fuse_hidden0000000200000009");
        assertThat(hidden.inode("/x/.fuse_hidden0000000200000009")).isEqualTo(OptionalLong.of(1));

        hidden.removedDirectory("/x/sub");
        assertThat(hidden.inode("/x/sub/.fuse_hidden0000000300000002")).isEmpty();
        assertThat(hidden.size()).isEqualTo(2);
    }
}
