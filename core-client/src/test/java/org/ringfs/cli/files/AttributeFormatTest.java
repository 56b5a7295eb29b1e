package org.ringfs.cli.files;

import org.junit.jupiter.api.Test;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeFormatTest {

    private static InodeAttributes of(FileType type, int mode) {
        return new InodeAttributes(7, type, mode, 1000, 1000, 12, 1, 0, 0, 0, 0);
    }

    @Test
    void modeStringsAsLsPrintsThem() {
        assertThat(AttributeFormat.modeString(of(FileType.FILE, 0644))).isEqualTo("-rw-r--r--");
        assertThat(AttributeFormat.modeString(of(FileType.DIRECTORY, 0755))).isEqualTo("drwxr-xr-x");
        assertThat(AttributeFormat.modeString(of(FileType.SYMLINK, 0777))).isEqualTo("lrwxrwxrwx");
        assertThat(AttributeFormat.modeString(of(FileType.DIRECTORY, 01777))).isEqualTo("drwxrwxrwt");
        assertThat(AttributeFormat.modeString(of(FileType.FILE, 04644))).isEqualTo("-rwSr--r--");
        assertThat(AttributeFormat.modeString(of(FileType.FILE, 02755))).isEqualTo("-rwxr-sr-x");
    }

    @Test
    void remotePathsStartAtTheRoot() {
        assertThat(RemotePath.absolute("a/b")).isEqualTo("/a/b");
        assertThat(RemotePath.absolute("/a")).isEqualTo("/a");
        assertThat(RemotePath.baseName("/a/b/")).isEqualTo("b");
        assertThat(RemotePath.baseName("/")).isEmpty();
        assertThat(RemotePath.child("/", "x")).isEqualTo("/x");
        assertThat(RemotePath.child("/a", "x")).isEqualTo("/a/x");
    }
}
