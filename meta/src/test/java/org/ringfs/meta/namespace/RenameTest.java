package org.ringfs.meta.namespace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaService;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ringfs.api.ErrorCode.*;
import static org.ringfs.meta.Errors.assertFails;

class RenameTest {
    @TempDir Path dir;
    MetaFixture fx;
    MetaService meta;

    @BeforeEach
    void open() throws Exception {
        fx = new MetaFixture(dir);
        meta = fx.meta;
        meta.mkdir("/a", 0755, 0, 0);
        meta.mkdir("/b", 0755, 0, 0);
    }

    @AfterEach
    void close() { fx.close(); }

    private List<String> names(String path) throws Exception {
        return meta.list(path).stream().map(DirectoryEntry::name).toList();
    }

    @Test
    void fileToNewNameKeepsTheInode() throws Exception {
        InodeAttributes f = meta.create("/a/f", 0644, 0, 0, false);
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(meta.rename("/a/f", "/b/g")).isEqualTo(FreedBlocks.NONE);
        InodeAttributes g = meta.stat("/b/g");
        assertThat(g.id()).isEqualTo(f.id());
        assertThat(g.ctimeNanos()).isGreaterThan(f.ctimeNanos());
        assertThat(g.mtimeNanos()).isEqualTo(f.mtimeNanos());
        assertThat(names("/a")).isEmpty();
        assertThat(meta.stat("/a").mtimeNanos()).isEqualTo(g.ctimeNanos());
        assertThat(meta.stat("/b").mtimeNanos()).isEqualTo(g.ctimeNanos());
    }

    @Test
    void fileOverFileFreesTheReplacedFile() throws Exception {
        meta.create("/a/f", 0644, 0, 0, false);
        InodeAttributes old = meta.create("/b/g", 0644, 0, 0, false);
        long gen = meta.allocateGenerations(fx.session, 3);
        meta.commit(fx.session, old.id(), 3000, 1, List.of(
                new BlockWrite(new BlockInfo(0, gen, 10, 0), 0, MetaFixture.RING),
                new BlockWrite(new BlockInfo(2, gen + 1, 10, 0), 0, MetaFixture.RING)));
        assertThat(meta.rename("/a/f", "/b/g")).isEqualTo(new FreedBlocks(old.id(), 0, 3));
        assertFails(STALE, () -> meta.inode(old.id()));
        assertThat(meta.scanBlocks(0, -1, 100).blocks()).isEmpty();
    }

    @Test
    void fileOverHardLinkedFileOnlyDropsALink() throws Exception {
        meta.create("/a/f", 0644, 0, 0, false);
        InodeAttributes old = meta.create("/b/g", 0644, 0, 0, false);
        meta.link("/b/g", "/b/h");
        assertThat(meta.rename("/a/f", "/b/g")).isEqualTo(FreedBlocks.NONE);
        assertThat(meta.stat("/b/h").nlink()).isEqualTo(1);
        assertThat(meta.stat("/b/h").id()).isEqualTo(old.id());
    }

    @Test
    void ontoItselfOrAnotherLinkOfTheSameInodeIsANoOp() throws Exception {
        meta.create("/a/f", 0644, 0, 0, false);
        meta.link("/a/f", "/b/f2");
        assertThat(meta.rename("/a/f", "/a/f")).isEqualTo(FreedBlocks.NONE);
        assertThat(meta.rename("/a/f", "/b/f2")).isEqualTo(FreedBlocks.NONE);
        assertThat(names("/a")).containsExactly("f");
        assertThat(names("/b")).containsExactly("f2");
        assertThat(meta.stat("/a/f").nlink()).isEqualTo(2);
        assertThat(meta.rename("/a", "/a")).isEqualTo(FreedBlocks.NONE);
    }

    @Test
    void directoryMovesItsSubtreeAndParentLinks() throws Exception {
        meta.mkdir("/a/d", 0755, 0, 0);
        meta.create("/a/d/inner", 0644, 0, 0, false);
        assertThat(meta.stat("/a").nlink()).isEqualTo(3);
        meta.rename("/a/d", "/b/d2");
        assertThat(meta.stat("/a").nlink()).isEqualTo(2);
        assertThat(meta.stat("/b").nlink()).isEqualTo(3);
        assertThat(names("/b/d2")).containsExactly("inner");
        assertThat(meta.stat("/").nlink()).isEqualTo(4);
    }

    @Test
    void directoryOverEmptyDirectory() throws Exception {
        meta.mkdir("/a/d", 0755, 0, 0);
        meta.create("/a/d/x", 0644, 0, 0, false);
        InodeAttributes empty = meta.mkdir("/b/e", 0755, 0, 0);
        meta.rename("/a/d", "/b/e");
        assertThat(names("/b/e")).containsExactly("x");
        assertFails(STALE, () -> meta.inode(empty.id()));
        assertThat(meta.stat("/a").nlink()).isEqualTo(2);
        assertThat(meta.stat("/b").nlink()).isEqualTo(3);
    }

    @Test
    void directoryWithinOneParentOverEmptyDirectory() throws Exception {
        meta.mkdir("/a/d", 0755, 0, 0);
        meta.mkdir("/a/e", 0755, 0, 0);
        meta.rename("/a/d", "/a/e");
        assertThat(names("/a")).containsExactly("e");
        assertThat(meta.stat("/a").nlink()).isEqualTo(3);
    }

    @Test
    void refusedReplacements() throws Exception {
        meta.mkdir("/a/d", 0755, 0, 0);
        meta.mkdir("/b/full", 0755, 0, 0);
        meta.create("/b/full/x", 0644, 0, 0, false);
        meta.create("/b/file", 0644, 0, 0, false);
        assertFails(NOT_EMPTY, () -> meta.rename("/a/d", "/b/full"));
        assertFails(NOT_DIRECTORY, () -> meta.rename("/a/d", "/b/file"));
        assertFails(IS_DIRECTORY, () -> meta.rename("/b/file", "/a/d"));
        assertThat(names("/a")).containsExactly("d");
        assertThat(names("/b")).containsExactly("file", "full");
    }

    @Test
    void directoryIntoItsOwnSubtreeIsInvalid() throws Exception {
        meta.mkdir("/a/d", 0755, 0, 0);
        meta.mkdir("/a/d/e", 0755, 0, 0);
        assertFails(INVALID, () -> meta.rename("/a", "/a/d/e/a"));
        assertFails(INVALID, () -> meta.rename("/a/d", "/a/d/e"));
        assertFails(INVALID, () -> meta.rename("/a/d", "/a/d/x"));
        meta.create("/b/f", 0644, 0, 0, false);
        assertFails(NOT_DIRECTORY, () -> meta.rename("/b/f", "/b/f/x"));
        meta.rename("/a/d/e", "/a/e"); // moving up is fine
        assertThat(names("/a")).containsExactly("d", "e");
    }

    @Test
    void ancestorOntoDescendantAndBack() throws Exception {
        meta.mkdir("/a/d", 0755, 0, 0);
        assertFails(NOT_EMPTY, () -> meta.rename("/a/d", "/a")); // /a holds d
        meta.create("/a/f", 0644, 0, 0, false);
        assertFails(IS_DIRECTORY, () -> meta.rename("/a/f", "/a"));
    }

    @Test
    void missingAndRootCases() throws Exception {
        assertFails(NOT_FOUND, () -> meta.rename("/a/nope", "/b/x"));
        assertFails(NOT_FOUND, () -> meta.rename("/a/x", "/nodir/x"));
        meta.create("/a/f", 0644, 0, 0, false);
        assertFails(NOT_FOUND, () -> meta.rename("/a/f", "/nodir/x"));
        assertFails(NOT_DIRECTORY, () -> meta.rename("/a/f", "/a/f/x"));
        assertFails(NOT_PERMITTED, () -> meta.rename("/", "/x"));
        assertFails(NOT_PERMITTED, () -> meta.rename("/a", "/"));
        assertFails(INVALID, () -> meta.rename("/a/f", "/b/"));
        assertThat(names("/a")).containsExactly("f");
    }

    @Test
    void symlinksRenameAsThemselves() throws Exception {
        meta.symlink("/a/l", "/b", 0, 0);
        meta.rename("/a/l", "/b/l");
        assertThat(meta.readlink("/b/l")).isEqualTo("/b");
    }
}
