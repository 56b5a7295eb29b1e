package org.ringfs.meta.namespace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.FileType;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.NameRemoved;
import org.ringfs.api.MetaService;
import org.ringfs.api.SetAttributes;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ringfs.api.ErrorCode.*;
import static org.ringfs.meta.Errors.assertFails;

class NamespaceTest {
    @TempDir Path dir;
    MetaFixture fx;
    MetaService meta;

    @BeforeEach
    void open() throws Exception {
        fx = new MetaFixture(dir);
        meta = fx.meta;
    }

    @AfterEach
    void close() { fx.close(); }

    @Test
    void rootIsFormattedAsDirectoryOne() throws Exception {
        InodeAttributes root = meta.stat("/");
        assertThat(root.id()).isEqualTo(1);
        assertThat(root.type()).isEqualTo(FileType.DIRECTORY);
        assertThat(root.mode()).isEqualTo(0755);
        assertThat(root.uid()).isZero();
        assertThat(root.nlink()).isEqualTo(2);
        assertThat(meta.list("/")).isEmpty();
    }

    @Test
    void lexicalPathRules() {
        assertFails(INVALID, () -> meta.stat(""));
        assertFails(INVALID, () -> meta.stat("relative"));
        assertFails(INVALID, () -> meta.stat("/a//b"));
        assertFails(INVALID, () -> meta.stat("/a/"));
        assertFails(INVALID, () -> meta.stat("/a/./b"));
        assertFails(INVALID, () -> meta.mkdir("/..", 0755, 0, 0));
        assertFails(NAME_TOO_LONG, () -> meta.create("/" + "x".repeat(256), 0644, 0, 0, false));
        assertFails(NAME_TOO_LONG, () -> meta.create("/" + "é".repeat(128), 0644, 0, 0, false)); // 256 bytes
        assertFails(NAME_TOO_LONG, () -> meta.stat(("/" + "d".repeat(255)).repeat(257)));
    }

    @Test
    void pathsPastPathMaxResolve() throws Exception {
        // 24 levels of 255-byte names: 6,144 bytes, deeper than PATH_MAX, as a working directory inside a mount reaches.
        StringBuilder path = new StringBuilder();
        for (int level = 0; level < 24; level++) {
            path.append('/').append(Character.toString('a' + level).repeat(255));
            meta.mkdir(path.toString(), 0755, 0, 0);
        }
        meta.create(path + "/leaf", 0644, 0, 0, true);
        assertThat(meta.stat(path + "/leaf").isFile()).isTrue();
    }

    @Test
    void nameOfExactlyNameMaxBytesIsFine() throws Exception {
        meta.create("/" + "x".repeat(255), 0644, 0, 0, true);
        assertThat(meta.list("/")).hasSize(1);
    }

    @Test
    void resolutionErrors() throws Exception {
        meta.create("/f", 0644, 0, 0, true);
        assertFails(NOT_FOUND, () -> meta.stat("/missing"));
        assertFails(NOT_FOUND, () -> meta.stat("/missing/x"));
        assertFails(NOT_DIRECTORY, () -> meta.stat("/f/x"));
        assertFails(NOT_DIRECTORY, () -> meta.create("/f/x", 0644, 0, 0, false));
        assertFails(NOT_DIRECTORY, () -> meta.list("/f"));
        meta.symlink("/link", "/", 0, 0);
        assertFails(NOT_DIRECTORY, () -> meta.stat("/link/x")); // symlinks are not followed
    }

    @Test
    void aNewFileMovesOnlyItsParentsTimesToItsCtime() throws Exception {
        meta.mkdir("/d", 0755, 0, 0);
        InodeAttributes before = meta.stat("/d");
        fx.clock.advance(Duration.ofSeconds(1));
        InodeAttributes f = meta.create("/d/f", 0644, 0, 0, true);
        // The FUSE mount moves a cached parent so after its exclusive creates (RingFuse.created).
        InodeAttributes after = meta.stat("/d");
        assertThat(after).isEqualTo(new InodeAttributes(before.id(), before.type(), before.mode(), before.uid(),
                before.gid(), before.size(), before.nlink(), before.atimeNanos(), f.ctimeNanos(), f.ctimeNanos(), before.rdev()));
        assertThat(f.ctimeNanos()).isGreaterThan(before.mtimeNanos());
        fx.clock.advance(Duration.ofSeconds(1));
        meta.create("/d/f", 0644, 0, 0, false);
        assertThat(meta.stat("/d")).as("a create that finds the file").isEqualTo(after);
    }

    @Test
    void mkdirCountsLinksAndTouchesParent() throws Exception {
        long before = meta.stat("/").mtimeNanos();
        fx.clock.advance(Duration.ofSeconds(1));
        InodeAttributes a = meta.mkdir("/a", 0750, 7, 8);
        assertThat(a.nlink()).isEqualTo(2);
        assertThat(a.mode()).isEqualTo(0750);
        assertThat(a.uid()).isEqualTo(7);
        assertThat(a.gid()).isEqualTo(8);
        assertThat(a.atimeNanos()).isEqualTo(a.mtimeNanos()).isEqualTo(a.ctimeNanos());
        InodeAttributes root = meta.stat("/");
        assertThat(root.nlink()).isEqualTo(3);
        assertThat(root.mtimeNanos()).isGreaterThan(before).isEqualTo(root.ctimeNanos());
        meta.mkdir("/a/b", 0755, 0, 0);
        meta.create("/a/f", 0644, 0, 0, false);
        assertThat(meta.stat("/a").nlink()).isEqualTo(3); // files do not count
        assertFails(EXISTS, () -> meta.mkdir("/a", 0755, 0, 0));
        assertFails(EXISTS, () -> meta.mkdir("/a/f", 0755, 0, 0));
        assertFails(EXISTS, () -> meta.mkdir("/", 0755, 0, 0));
        meta.rmdir("/a/b");
        assertThat(meta.stat("/a").nlink()).isEqualTo(2);
    }

    @Test
    void modeKeepsPermissionBitsOnly() throws Exception {
        assertThat(meta.mkdir("/d", 0140755, 0, 0).mode()).isEqualTo(0755);
        assertThat(meta.create("/f", 0104644, 0, 0, false).mode()).isEqualTo(04644);
        assertThat(meta.stat("/f").stMode()).isEqualTo(0104644);
    }

    @Test
    void createRules() throws Exception {
        InodeAttributes f = meta.create("/f", 0644, 1, 2, true);
        assertThat(f.type()).isEqualTo(FileType.FILE);
        assertThat(f.nlink()).isEqualTo(1);
        assertThat(f.size()).isZero();
        assertThat(meta.create("/f", 0600, 5, 5, false)).isEqualTo(f);
        assertFails(EXISTS, () -> meta.create("/f", 0644, 0, 0, true));
        meta.mkdir("/d", 0755, 0, 0);
        assertFails(IS_DIRECTORY, () -> meta.create("/d", 0644, 0, 0, false));
        assertFails(EXISTS, () -> meta.create("/d", 0644, 0, 0, true));
        assertFails(IS_DIRECTORY, () -> meta.create("/", 0644, 0, 0, false));
        assertFails(NOT_FOUND, () -> meta.create("/nodir/f", 0644, 0, 0, false));
    }

    @Test
    void inodeIdsGrowAndAreNeverReused() throws Exception {
        long a = meta.create("/a", 0644, 0, 0, true).id();
        meta.unlink("/a");
        long b = meta.create("/a", 0644, 0, 0, true).id();
        assertThat(b).isGreaterThan(a);
        assertFails(STALE, () -> meta.inode(a));
        assertThat(meta.inode(b).id()).isEqualTo(b);
        assertFails(STALE, () -> meta.inode(0));
    }

    @Test
    void mknodMakesSpecialInodes() throws Exception {
        InodeAttributes fifo = meta.mknod("/fifo", FileType.FIFO, 0600, 0, 1, 1);
        assertThat(fifo.type()).isEqualTo(FileType.FIFO);
        InodeAttributes dev = meta.mknod("/dev", FileType.CHAR_DEVICE, 0660, 0x0103, 0, 0);
        assertThat(dev.rdev()).isEqualTo(0x0103);
        assertThat(meta.stat("/dev").stMode()).isEqualTo(0020660);
        assertFails(INVALID, () -> meta.mknod("/d", FileType.DIRECTORY, 0755, 0, 0, 0));
        assertFails(EXISTS, () -> meta.mknod("/fifo", FileType.SOCKET, 0755, 0, 0, 0));
        assertFails(EXISTS, () -> meta.create("/fifo", 0644, 0, 0, false));
    }

    @Test
    void symlinks() throws Exception {
        InodeAttributes l = meta.symlink("/l", "some/where/é", 3, 4);
        assertThat(l.type()).isEqualTo(FileType.SYMLINK);
        assertThat(l.size()).isEqualTo("some/where/é".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(l.mode()).isEqualTo(0777);
        assertThat(meta.readlink("/l")).isEqualTo("some/where/é");
        meta.create("/f", 0644, 0, 0, false);
        assertFails(INVALID, () -> meta.readlink("/f"));
        assertFails(INVALID, () -> meta.readlink("/"));
        assertFails(NOT_FOUND, () -> meta.readlink("/nope"));
        assertFails(EXISTS, () -> meta.symlink("/f", "x", 0, 0));
        assertFails(NOT_FOUND, () -> meta.symlink("/e", "", 0, 0));
        assertThat(meta.unlink("/l").freed().isEmpty()).isTrue();
        assertFails(NOT_FOUND, () -> meta.stat("/l"));
    }

    @Test
    void hardLinksShareTheInodeAndCountNames() throws Exception {
        InodeAttributes f = meta.create("/f", 0644, 0, 0, false);
        meta.mkdir("/d", 0755, 0, 0);
        InodeAttributes linked = meta.link("/f", "/d/g");
        assertThat(linked.id()).isEqualTo(f.id());
        assertThat(linked.nlink()).isEqualTo(2);
        assertThat(meta.stat("/d/g").nlink()).isEqualTo(2);
        assertThat(meta.stat("/d").nlink()).isEqualTo(2);
        assertFails(NOT_PERMITTED, () -> meta.link("/d", "/d2"));
        assertFails(EXISTS, () -> meta.link("/f", "/d/g"));
        assertFails(NOT_FOUND, () -> meta.link("/nope", "/x"));
        assertFails(NOT_FOUND, () -> meta.link("/f", "/nodir/x"));
        assertThat(meta.unlink("/f").freed()).isEqualTo(FreedBlocks.NONE);
        assertThat(meta.stat("/d/g").nlink()).isEqualTo(1);
        FreedBlocks last = meta.unlink("/d/g").freed();
        assertThat(last.inode()).isEqualTo(f.id());
        assertFails(STALE, () -> meta.inode(f.id()));
        meta.symlink("/s", "t", 0, 0);
        assertThat(meta.link("/s", "/s2").nlink()).isEqualTo(2); // a link to a symlink, not through it
    }

    @Test
    void unlinkRules() throws Exception {
        meta.mkdir("/d", 0755, 0, 0);
        assertFails(IS_DIRECTORY, () -> meta.unlink("/d"));
        assertFails(IS_DIRECTORY, () -> meta.unlink("/"));
        assertFails(NOT_FOUND, () -> meta.unlink("/nope"));
        InodeAttributes f = meta.create("/d/f", 0644, 0, 0, false);
        long dirMtime = meta.stat("/d").mtimeNanos();
        fx.clock.advance(Duration.ofSeconds(1));
        NameRemoved removed = meta.unlink("/d/f");
        assertThat(removed.freed()).isEqualTo(new FreedBlocks(f.id(), 0, 0));
        assertThat(meta.stat("/d").mtimeNanos()).isGreaterThan(dirMtime);
        assertThat(removed.parent()).as("the parent as the unlink left it").isEqualTo(meta.stat("/d"));
        assertThat(meta.list("/d")).isEmpty();
    }

    @Test
    void rmdirAnswersTheParentAsItLeftIt() throws Exception {
        meta.mkdir("/p", 0755, 0, 0);
        meta.mkdir("/p/d", 0755, 0, 0);
        InodeAttributes before = meta.stat("/p");
        fx.clock.advance(Duration.ofSeconds(1));
        NameRemoved removed = meta.rmdir("/p/d");
        assertThat(removed.parent()).isEqualTo(meta.stat("/p"));
        assertThat(removed.parent().nlink()).isEqualTo(before.nlink() - 1);
        assertThat(removed.parent().mtimeNanos()).isGreaterThan(before.mtimeNanos());
        assertThat(removed.freed()).isEqualTo(FreedBlocks.NONE);
    }

    @Test
    void rmdirRules() throws Exception {
        meta.mkdir("/d", 0755, 0, 0);
        meta.create("/d/f", 0644, 0, 0, false);
        assertFails(NOT_EMPTY, () -> meta.rmdir("/d"));
        assertFails(NOT_DIRECTORY, () -> meta.rmdir("/d/f"));
        assertFails(NOT_FOUND, () -> meta.rmdir("/nope"));
        assertFails(NOT_PERMITTED, () -> meta.rmdir("/"));
        meta.unlink("/d/f");
        meta.rmdir("/d");
        assertFails(NOT_FOUND, () -> meta.stat("/d"));
        assertThat(meta.stat("/").nlink()).isEqualTo(2);
    }

    @Test
    void listIsSortedByNameWithAttributes() throws Exception {
        meta.create("/b", 0644, 0, 0, false);
        meta.mkdir("/a", 0755, 0, 0);
        meta.symlink("/c", "b", 0, 0);
        meta.create("/B", 0644, 0, 0, false);
        assertThat(meta.list("/")).extracting(DirectoryEntry::name).containsExactly("B", "a", "b", "c");
        DirectoryEntry a = meta.list("/").get(1);
        assertThat(a.attributes()).isEqualTo(meta.stat("/a"));
        meta.create("/a/inner", 0644, 0, 0, false);
        assertThat(meta.list("/a")).extracting(DirectoryEntry::name).containsExactly("inner");
    }

    @Test
    void setAttributesChangesGivenFieldsAndCtime() throws Exception {
        InodeAttributes f = meta.create("/f", 0644, 0, 0, false);
        fx.clock.advance(Duration.ofSeconds(5));
        InodeAttributes chmod = meta.setAttributes("/f", SetAttributes.mode(0170600));
        assertThat(chmod.mode()).isEqualTo(0600);
        assertThat(chmod.ctimeNanos()).isGreaterThan(f.ctimeNanos());
        assertThat(chmod.mtimeNanos()).isEqualTo(f.mtimeNanos());
        InodeAttributes chown = meta.setAttributes("/f", SetAttributes.owner(1000, null));
        assertThat(chown.uid()).isEqualTo(1000);
        assertThat(chown.gid()).isZero();
        InodeAttributes times = meta.setAttributes("/f", SetAttributes.times(123L, 456L));
        assertThat(times.atimeNanos()).isEqualTo(123);
        assertThat(times.mtimeNanos()).isEqualTo(456);
        assertThat(meta.setAttributes("/f", new SetAttributes(null, null, null, null, null))).isEqualTo(times);
        fx.clock.advance(Duration.ofSeconds(1));
        InodeAttributes read = meta.setAttributes("/f", SetAttributes.accessedAt(789L));
        assertThat(read.atimeNanos()).isEqualTo(789L);
        assertThat(read.ctimeNanos()).as("a read's atime leaves ctime").isEqualTo(times.ctimeNanos());
        assertFails(NOT_FOUND, () -> meta.setAttributes("/nope", SetAttributes.mode(0)));
        assertThat(meta.setAttributes("/", SetAttributes.mode(0700)).mode()).isEqualTo(0700);
    }
}
