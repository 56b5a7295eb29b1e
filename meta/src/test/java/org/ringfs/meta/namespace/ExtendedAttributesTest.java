package org.ringfs.meta.namespace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ringfs.api.ErrorCode.*;
import static org.ringfs.api.MetaService.XATTR_CREATE;
import static org.ringfs.api.MetaService.XATTR_REPLACE;
import static org.ringfs.meta.Errors.assertFails;

class ExtendedAttributesTest {
    @TempDir Path dir;
    MetaFixture fx;
    MetaService meta;

    @BeforeEach
    void open() throws Exception {
        fx = new MetaFixture(dir);
        meta = fx.meta;
        meta.create("/f", 0644, 0, 0, false);
        meta.mkdir("/d", 0755, 0, 0);
        meta.symlink("/l", "/f", 0, 0);
    }

    @AfterEach
    void close() { fx.close(); }

    @Test
    void flags() throws Exception {
        assertFails(NO_ATTRIBUTE, () -> meta.setXattr("/f", "user.a", new byte[] {1}, XATTR_REPLACE));
        meta.setXattr("/f", "user.a", new byte[] {1}, XATTR_CREATE);
        assertFails(EXISTS, () -> meta.setXattr("/f", "user.a", new byte[] {2}, XATTR_CREATE));
        meta.setXattr("/f", "user.a", new byte[] {3}, XATTR_REPLACE);
        assertThat(meta.getXattr("/f", "user.a")).containsExactly(3);
        meta.setXattr("/f", "user.a", new byte[] {4}, 0);
        assertThat(meta.getXattr("/f", "user.a")).containsExactly(4);
        assertFails(INVALID, () -> meta.setXattr("/f", "user.a", new byte[0], XATTR_CREATE | XATTR_REPLACE));
        assertFails(INVALID, () -> meta.setXattr("/f", "user.a", new byte[0], 8));
    }

    @Test
    void workOnFilesDirectoriesAndSymlinksApart() throws Exception {
        meta.setXattr("/f", "user.k", "file".getBytes(), 0);
        meta.setXattr("/d", "user.k", "dir".getBytes(), 0);
        meta.setXattr("/l", "user.k", "link".getBytes(), 0);
        assertThat(new String(meta.getXattr("/f", "user.k"))).isEqualTo("file");
        assertThat(new String(meta.getXattr("/d", "user.k"))).isEqualTo("dir");
        assertThat(new String(meta.getXattr("/l", "user.k"))).isEqualTo("link");
        assertFails(NO_ATTRIBUTE, () -> meta.getXattr("/", "user.k"));
    }

    @Test
    void listAndRemove() throws Exception {
        assertThat(meta.listXattrs("/d")).isEmpty();
        meta.setXattr("/d", "user.b", new byte[0], 0);
        meta.setXattr("/d", "security.x", new byte[] {1}, 0);
        meta.setXattr("/d", "user.a", new byte[] {1}, 0);
        assertThat(meta.listXattrs("/d")).containsExactly("security.x", "user.a", "user.b");
        meta.removeXattr("/d", "user.a");
        assertFails(NO_ATTRIBUTE, () -> meta.removeXattr("/d", "user.a"));
        assertFails(NO_ATTRIBUTE, () -> meta.getXattr("/d", "user.a"));
        assertThat(meta.listXattrs("/d")).containsExactly("security.x", "user.b");
        assertFails(NOT_FOUND, () -> meta.listXattrs("/nope"));
    }

    @Test
    void limits() throws Exception {
        meta.setXattr("/f", "user.big", new byte[MetaMethods.XATTR_VALUE_MAX], 0);
        assertThat(meta.getXattr("/f", "user.big")).hasSize(MetaMethods.XATTR_VALUE_MAX);
        assertFails(RANGE, () -> meta.setXattr("/f", "user.big", new byte[MetaMethods.XATTR_VALUE_MAX + 1], 0));
        assertFails(RANGE, () -> meta.setXattr("/f", "user." + "n".repeat(300), new byte[1], 0));
        assertFails(INVALID, () -> meta.setXattr("/f", "", new byte[1], 0));
    }

    @Test
    void changesMoveCtimeAndGoWithTheInode() throws Exception {
        long before = meta.stat("/f").ctimeNanos();
        fx.clock.advance(Duration.ofSeconds(1));
        meta.setXattr("/f", "user.a", new byte[] {1}, 0);
        assertThat(meta.stat("/f").ctimeNanos()).isGreaterThan(before);
        meta.unlink("/f");
        meta.create("/f", 0644, 0, 0, false);
        assertThat(meta.listXattrs("/f")).isEmpty();
    }
}
