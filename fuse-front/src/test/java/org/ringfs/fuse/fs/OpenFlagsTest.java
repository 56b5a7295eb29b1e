package org.ringfs.fuse.fs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenFlagsTest {

    @Test
    void readOnly() {
        assertThat(OpenFlags.of(0)).isEqualTo(new OpenFlags(true, false, false, false, false, false));
    }

    @Test
    void writeOnlyCreateExclusive() {
        OpenFlags f = OpenFlags.of(01 | 0100 | 0200);
        assertThat(f.readable()).isFalse();
        assertThat(f.writable()).isTrue();
        assertThat(f.create()).isTrue();
        assertThat(f.exclusive()).isTrue();
        assertThat(f.truncate()).isFalse();
    }

    @Test
    void readWriteTruncateAppend() {
        OpenFlags f = OpenFlags.of(02 | 01000 | 02000);
        assertThat(f.readable()).isTrue();
        assertThat(f.writable()).isTrue();
        assertThat(f.truncate()).isTrue();
        assertThat(f.append()).isTrue();
    }

    @Test
    void flagsTheMountDoesNotActOnAreIgnored() {
        // O_LARGEFILE, O_NOFOLLOW, O_CLOEXEC
        assertThat(OpenFlags.of(0100000 | 0400000 | 02000000)).isEqualTo(OpenFlags.of(0));
    }
}
