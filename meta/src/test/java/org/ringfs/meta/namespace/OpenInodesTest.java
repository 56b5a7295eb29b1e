package org.ringfs.meta.namespace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.InodeHold;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An inode whose last name goes while a session holds it open lives on until its last release. */
class OpenInodesTest {
    @TempDir Path dir;
    MetaFixture fx;

    @BeforeEach
    void open() throws Exception { fx = new MetaFixture(dir); }

    @AfterEach
    void close() { fx.close(); }

    private long fileWithABlock(String path) throws Exception {
        long inode = fx.meta.create(path, 0644, 0, 0, true).id();
        BlockInfo b = new BlockInfo(0, fx.meta.allocateGenerations(fx.session, 1), 10, 7);
        fx.meta.commit(fx.session, inode, 10, 1, List.of(new BlockWrite(b, 0, MetaFixture.RING)));
        return inode;
    }

    private List<FreedRecord> freedRecordsOf(long inode) throws Exception {
        return fx.meta.freedBlocks("data-1", 0, 1000).records().stream().filter(r -> r.inode() == inode).toList();
    }

    private static void assertStale(ThrowingCall call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE));
    }

    interface ThrowingCall { void run() throws Exception; }

    @Test
    void anUnlinkedOpenFileStaysReadableAndWritableUntilItsLastRelease() throws Exception {
        long reader = fx.meta.openSession("a reader");
        long inode = fileWithABlock("/f");
        fx.meta.holdInode(reader, inode, 1);
        fx.meta.unlink("/f");

        assertThatThrownBy(() -> fx.meta.stat("/f")).hasFieldOrPropertyWithValue("code", ErrorCode.NOT_FOUND);
        assertThat(fx.meta.inode(inode).nlink()).isZero();
        assertThat(fx.meta.blocks(inode, 0, 10).blocks()).hasSize(1);
        BlockInfo more = new BlockInfo(1, fx.meta.allocateGenerations(fx.session, 1), 10, 8);
        fx.meta.commit(fx.session, inode, 4106, 2, List.of(new BlockWrite(more, 0, MetaFixture.RING)));
        assertThat(freedRecordsOf(inode)).isEmpty();

        fx.meta.releaseInodes(reader, List.of(held(inode, 1)));
        assertStale(() -> fx.meta.inode(inode));
        assertThat(freedRecordsOf(inode)).singleElement().satisfies(r -> assertThat(r.maxGeneration()).isEqualTo(Long.MAX_VALUE));
    }

    @Test
    void anOrphanHeldByTwoSessionsGoesWithTheLastOneEvenWhenItEndsWithoutReleasing() throws Exception {
        long a = fx.meta.openSession("mount a");
        long b = fx.meta.openSession("mount b");
        long inode = fileWithABlock("/g");
        fx.meta.holdInode(a, inode, 1);
        fx.meta.holdInode(b, inode, 1);
        fx.meta.create("/h", 0644, 0, 0, true);
        fx.meta.rename("/h", "/g"); // replaced while open: the editor's save

        fx.meta.releaseInodes(a, List.of(held(inode, 1)));
        assertThat(fx.meta.inode(inode).nlink()).isZero();
        fx.meta.closeSession(b);
        assertStale(() -> fx.meta.inode(inode));
        assertThat(freedRecordsOf(inode)).hasSize(1);
    }

    @Test
    void anOrphansAttributesAndXattrsChangeByIdUntilItIsFreed() throws Exception {
        // fchmod, futimens and f*xattr on a descriptor whose name went: by inode id, not by a path.
        long s = fx.meta.openSession("a holder");
        long inode = fileWithABlock("/o");
        fx.meta.setXattr("/o", "user.k", new byte[] {1}, 0);
        fx.meta.holdInode(s, inode, 1);
        fx.meta.unlink("/o");

        InodeAttributes a = fx.meta.setAttributesOf(inode, new SetAttributes(0600, null, null, 5L, 7L));
        assertThat(a.mode()).isEqualTo(0600);
        assertThat(a.atimeNanos()).isEqualTo(5);
        assertThat(a.mtimeNanos()).isEqualTo(7);
        assertThat(a.nlink()).isZero();
        assertThat(fx.meta.inode(inode).mode()).isEqualTo(0600);
        fx.meta.setXattrOf(inode, "user.j", new byte[] {2}, MetaService.XATTR_CREATE);
        assertThat(fx.meta.getXattrOf(inode, "user.k")).containsExactly(1);
        assertThat(fx.meta.listXattrsOf(inode)).containsExactlyInAnyOrder("user.k", "user.j");
        fx.meta.removeXattrOf(inode, "user.k");
        assertThatThrownBy(() -> fx.meta.getXattrOf(inode, "user.k"))
                .hasFieldOrPropertyWithValue("code", ErrorCode.NO_ATTRIBUTE);

        fx.meta.releaseInodes(s, List.of(held(inode, 1)));
        assertStale(() -> fx.meta.setAttributesOf(inode, SetAttributes.mode(0644)));
        assertStale(() -> fx.meta.getXattrOf(inode, "user.j"));
        assertStale(() -> fx.meta.listXattrsOf(inode));
    }

    @Test
    void aSessionMetaEndsForSilenceFreesTheOrphansOnlyItHeld() throws Exception {
        long quiet = fx.meta.openSession("a client that died");
        long inode = fileWithABlock("/q");
        fx.meta.holdInode(quiet, inode, 1);
        fx.meta.unlink("/q");
        fx.clock.advance(MetaFixture.SESSION_TIMEOUT.minusSeconds(1));
        fx.meta.renewSession(fx.session);
        fx.meta.sessions().expireIdle();
        assertThat(fx.meta.inode(inode).nlink()).isZero(); // not yet: the timeout has not passed

        fx.clock.advance(Duration.ofSeconds(2));
        fx.meta.renewSession(fx.session);
        fx.meta.sessions().expireIdle();
        assertStale(() -> fx.meta.inode(inode));
    }

    @Test
    void aLinkedFileIsNotFreedByItsLastReleaseAndAGoneInodeCannotBeHeld() throws Exception {
        long s = fx.meta.openSession("s");
        long inode = fileWithABlock("/k");
        fx.meta.holdInode(s, inode, 1);
        fx.meta.releaseInodes(s, List.of(held(inode, 1), held(inode, 1), held(12345L, 1))); // twice, and one it never held: no-ops
        assertThat(fx.meta.inode(inode).nlink()).isEqualTo(1);
        fx.meta.unlink("/k");
        assertStale(() -> fx.meta.holdInode(s, inode, 1));
        fx.meta.closeSession(s);
        assertThatThrownBy(() -> fx.meta.holdInode(s, 1, 1)).hasFieldOrPropertyWithValue("code", ErrorCode.SESSION_EXPIRED);
    }

    @Test
    void holdsAndOrphansSurviveARestart() throws Exception {
        long s = fx.meta.openSession("s");
        long inode = fileWithABlock("/r");
        fx.meta.holdInode(s, inode, 1);
        fx.meta.unlink("/r");
        fx.reopen();
        assertThat(fx.meta.inode(inode).nlink()).isZero();
        fx.meta.releaseInodes(s, List.of(held(inode, 1)));
        assertStale(() -> fx.meta.inode(inode));
    }

    @Test
    void aReleaseThatLandsAfterTheNextOpensHoldLeavesTheFileOpen() throws Exception {
        // A client closes a file (its release rides the next renewal) and opens it again while that
        // release is on the wire: the new open's hold reaches meta first. The late release ends only
        // the hold it was sent for, so a save over the name leaves the open file readable.
        long s = fx.meta.openSession("a mount");
        long inode = fileWithABlock("/e");
        fx.meta.holdInode(s, inode, 1);            // open
        fx.meta.holdInode(s, inode, 2);            // closed, then opened again: this hold lands first
        fx.meta.releaseInodes(s, List.of(held(inode, 1))); // the first close's release, late
        fx.meta.create("/e.tmp", 0644, 0, 0, true);
        fx.meta.rename("/e.tmp", "/e");

        assertThat(fx.meta.inode(inode).nlink()).isZero();
        assertThat(fx.meta.blocks(inode, 0, 10).blocks()).hasSize(1);
        assertThat(freedRecordsOf(inode)).isEmpty();

        fx.meta.holdInode(s, inode, 1); // a lower number never replaces a higher one
        fx.meta.releaseInodes(s, List.of(held(inode, 1)));
        assertThat(fx.meta.inode(inode).nlink()).isZero();
        fx.meta.releaseInodes(s, List.of(held(inode, 2))); // the second open's release ends it
        assertStale(() -> fx.meta.inode(inode));
        assertThat(freedRecordsOf(inode)).hasSize(1);
    }

    @Test
    void aFileCreatedHeldIsHeldFromItsCreationAndAnEndedSessionCreatesNothing() throws Exception {
        long s = fx.meta.openSession("a mount");
        long inode = fx.meta.createHeld(s, 1, "/c", 0644, 0, 0, true).id();
        fx.meta.unlink("/c");
        assertThat(fx.meta.inode(inode).nlink()).isZero(); // an orphan, held open

        fx.meta.create("/d", 0644, 0, 0, true);
        long existing = fx.meta.createHeld(s, 2, "/d", 0600, 0, 0, false).id(); // O_CREAT of an existing file opens it
        fx.meta.unlink("/d");
        assertThat(fx.meta.inode(existing).nlink()).isZero();
        fx.meta.releaseInodes(s, List.of(held(inode, 1), held(existing, 2)));
        assertStale(() -> fx.meta.inode(inode));
        assertStale(() -> fx.meta.inode(existing));

        fx.meta.closeSession(s);
        assertThatThrownBy(() -> fx.meta.createHeld(s, 3, "/e", 0644, 0, 0, true))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SESSION_EXPIRED);
        assertThatThrownBy(() -> fx.meta.stat("/e")).hasFieldOrPropertyWithValue("code", ErrorCode.NOT_FOUND);
    }

    private static InodeHold held(long inode, long hold) { return new InodeHold(inode, hold); }
}
