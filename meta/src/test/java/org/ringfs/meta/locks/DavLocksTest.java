package org.ringfs.meta.locks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.DavLock;
import org.ringfs.api.MetaService;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ringfs.api.ErrorCode.INVALID;
import static org.ringfs.api.ErrorCode.LOCKED;
import static org.ringfs.api.ErrorCode.NOT_FOUND;
import static org.ringfs.meta.Errors.assertFails;

/** The lock rules of meta over a real store, with meta's clock under the test's control. */
@Timeout(30)
class DavLocksTest {
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
    void exclusiveLockRefusesEveryOverlappingLock() throws Exception {
        DavLock l = meta.lock("/a", true, false, "<D:owner>me</D:owner>", "alice", 60);
        assertThat(l.token()).startsWith("opaquelocktoken:");
        assertThat(l.root()).isEqualTo("/a");
        assertThat(l.ownerXml()).isEqualTo("<D:owner>me</D:owner>");
        assertThat(l.expiresAtMillis()).isEqualTo(fx.clock.millis() + 60_000);
        assertFails(LOCKED, () -> meta.lock("/a", true, false, null, "bob", 60));
        assertFails(LOCKED, () -> meta.lock("/a", false, false, null, "bob", 60));
        // A deep lock on an ancestor would cover /a.
        assertFails(LOCKED, () -> meta.lock("/", false, true, null, "bob", 60));
        // Depth 0 on the parent, and a sibling, do not overlap a depth-0 lock on /a.
        meta.lock("/", true, false, null, "bob", 60);
        meta.lock("/ab", true, false, null, "bob", 60);
        // A depth-0 lock does not cover its members.
        meta.lock("/a/x", true, false, null, "bob", 60);
    }

    @Test
    void sharedLocksCoexistButRefuseExclusiveOnes() throws Exception {
        meta.lock("/d", false, true, null, "alice", 60);
        meta.lock("/d", false, true, null, "bob", 60);
        meta.lock("/d/f", false, false, null, "carol", 60);
        assertFails(LOCKED, () -> meta.lock("/d/f", true, false, null, "dave", 60));
        assertFails(LOCKED, () -> meta.lock("/d", true, false, null, "dave", 60));
        assertThat(meta.locks("/d/f", false)).extracting(DavLock::principal)
                .containsExactlyInAnyOrder("alice", "bob", "carol");
    }

    @Test
    void deepLockRequestMeetsLocksBelow() throws Exception {
        meta.lock("/d/sub/f", true, false, null, "alice", 60);
        assertFails(LOCKED, () -> meta.lock("/d", false, true, null, "bob", 60));
        DavLock shallow = meta.lock("/d", true, false, null, "bob", 60);
        assertThat(meta.locks("/d", false)).containsExactly(shallow);
        assertThat(meta.locks("/d", true)).extracting(DavLock::principal).containsExactlyInAnyOrder("alice", "bob");
        assertThat(meta.locks("/", true)).hasSize(2);
        assertThat(meta.locks("/d/sub", false)).isEmpty();
    }

    @Test
    void locksExpireByMetasClockAndRefreshRestartsTheTimeout() throws Exception {
        DavLock l = meta.lock("/f", true, false, null, "alice", 10);
        fx.clock.advance(Duration.ofSeconds(9));
        DavLock refreshed = meta.refreshLock(l.token(), 10);
        assertThat(refreshed.expiresAtMillis()).isEqualTo(fx.clock.millis() + 10_000);
        assertThat(refreshed.token()).isEqualTo(l.token());
        fx.clock.advance(Duration.ofSeconds(9));
        assertThat(meta.lockByToken(l.token())).isEqualTo(refreshed);
        fx.clock.advance(Duration.ofSeconds(1));
        assertFails(NOT_FOUND, () -> meta.lockByToken(l.token()));
        assertFails(NOT_FOUND, () -> meta.refreshLock(l.token(), 10));
        assertThat(meta.locks("/f", true)).isEmpty();
        assertThat(meta.unlock(l.token())).isFalse();
        // The lapsed lock no longer blocks anybody.
        meta.lock("/f", true, false, null, "bob", 10);
    }

    @Test
    void expiredLocksArePurgedByTheNextWrite() throws Exception {
        meta.lock("/old", true, false, null, "alice", 1);
        fx.clock.advance(Duration.ofSeconds(2));
        meta.lock("/new", true, false, null, "bob", 60);
        int stored = fx.store.read(txn -> txn.locks().all().size());
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void unlockAndReleaseTree() throws Exception {
        DavLock a = meta.lock("/t", false, false, null, "alice", 60);
        meta.lock("/t/x", true, false, null, "alice", 60);
        DavLock other = meta.lock("/tt", true, false, null, "alice", 60);
        assertThat(meta.unlock(a.token())).isTrue();
        assertThat(meta.unlock(a.token())).isFalse();
        meta.lock("/t", false, false, null, "bob", 60);
        meta.releaseLocks("/t");
        assertThat(meta.locks("/", true)).containsExactly(other);
        meta.releaseLocks("/");
        assertThat(meta.locks("/", true)).isEmpty();
    }

    @Test
    void locksSurviveARestartOfMeta() throws Exception {
        DavLock l = meta.lock("/kept", true, true, "<D:owner xmlns:D=\"DAV:\">é</D:owner>", "alice", 600);
        fx.reopen();
        assertThat(fx.meta.lockByToken(l.token())).isEqualTo(l);
    }

    @Test
    void refusesBadArguments() {
        assertFails(INVALID, () -> meta.lock("relative", true, false, null, "a", 60));
        assertFails(INVALID, () -> meta.lock("/a/", true, false, null, "a", 60));
        assertFails(INVALID, () -> meta.lock("/a", true, false, null, "a", 0));
        assertFails(NOT_FOUND, () -> meta.lockByToken("opaquelocktoken:nope"));
    }

    @Test
    void releasingAPathWithoutLocksCostsNoFsyncAndReleasingOneWithLocksDropsThem() throws Exception {
        DavLock other = meta.lock("/kept", true, true, null, "alice", 60);
        long fsyncs = fx.store.environment().getStats(null).getNLogFSyncs();
        meta.releaseLocks("/nothing-here");
        meta.releaseLocks("/kep"); // a prefix of a locked path is not its ancestor
        assertThat(fx.store.environment().getStats(null).getNLogFSyncs()).as("fsyncs").isEqualTo(fsyncs);

        meta.lock("/gone/f", true, false, null, "bob", 60);
        meta.releaseLocks("/gone");
        assertThat(meta.locks("/gone/f", false)).isEmpty();
        assertThat(meta.locks("/kept", false)).containsExactly(other);
    }
}
