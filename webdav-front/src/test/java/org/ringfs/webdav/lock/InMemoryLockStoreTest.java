package org.ringfs.webdav.lock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.webdav.dav.DavPath;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class InMemoryLockStoreTest {
    /** A clock the test moves by hand. */
    private Instant now = Instant.parse("2024-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final InMemoryLockStore store = new InMemoryLockStore(clock);

    private static DavPath p(String s) { return DavPath.of(s); }

    @Test
    void exclusiveConflictsAndSharedCoexist() throws Exception {
        ActiveLock a = store.lock(p("/a"), true, false, null, "alice", 60);
        assertThatThrownBy(() -> store.lock(p("/a"), false, false, null, "bob", 60))
                .isInstanceOf(LockConflictException.class)
                .extracting(e -> ((LockConflictException) e).lockedRoot()).isEqualTo(p("/a"));
        assertThatThrownBy(() -> store.lock(p("/"), false, true, null, "bob", 60)).isInstanceOf(LockConflictException.class);
        store.lock(p("/"), true, false, null, "bob", 60);
        store.lock(p("/s"), false, true, null, "bob", 60);
        store.lock(p("/s"), false, true, null, "carol", 60);
        assertThatThrownBy(() -> store.lock(p("/s/x"), true, false, null, "dave", 60)).isInstanceOf(LockConflictException.class);
        assertThat(store.covering(p("/s/x"))).hasSize(2);
        assertThat(store.below(p("/"))).extracting(ActiveLock::root).containsOnly(p("/a"), p("/s"));
        assertThat(store.byToken(a.token())).contains(a);
    }

    @Test
    void locksExpireAndRefreshRestartsTheTimeout() throws Exception {
        ActiveLock l = store.lock(p("/f"), true, false, "<D:owner/>", "alice", 10);
        now = now.plus(Duration.ofSeconds(9));
        assertThat(store.refresh(l.token(), 10)).hasValueSatisfying(r -> assertThat(r.expiresAtMillis()).isEqualTo(now.toEpochMilli() + 10_000));
        now = now.plus(Duration.ofSeconds(10));
        assertThat(store.byToken(l.token())).isEmpty();
        assertThat(store.refresh(l.token(), 10)).isEmpty();
        assertThat(store.covering(p("/f"))).isEmpty();
        store.lock(p("/f"), true, false, null, "bob", 10);
    }

    @Test
    void unlockAndReleaseTree() throws Exception {
        ActiveLock a = store.lock(p("/t"), false, false, null, "alice", 60);
        store.lock(p("/t/x"), true, false, null, "alice", 60);
        ActiveLock other = store.lock(p("/tt"), true, false, null, "alice", 60);
        assertThat(store.unlock(a.token())).isTrue();
        assertThat(store.unlock(a.token())).isFalse();
        store.releaseTree(p("/t"));
        assertThat(store.below(p("/"))).containsExactly(other);
    }
}
