package org.ringfs.client;

import org.junit.jupiter.api.Test;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeCacheTest {
    final AtomicLong now = new AtomicLong(1_000);
    final AttributeCache cache = new AttributeCache(Duration.ofNanos(100), now::get, 1000);

    static InodeAttributes file(long id, long size, int nlink) {
        return new InodeAttributes(id, FileType.FILE, 0644, 0, 0, size, nlink, 0, 0, 0, 0);
    }

    static InodeAttributes dir(long id) {
        return new InodeAttributes(id, FileType.DIRECTORY, 0755, 0, 0, 0, 2, 0, 0, 0, 0);
    }

    @Test
    void anAnswerIsNeverOlderThanTheTtlCountedFromWhenItsFetchBegan() {
        AttributeCache.Fetch f = cache.beginFetch();
        now.addAndGet(30); // the call took 30 ns
        cache.put(f, "/a", file(2, 1, 1));
        now.addAndGet(69);
        assertThat(cache.get("/a")).isEqualTo(file(2, 1, 1)); // 99 ns after the fetch began
        now.addAndGet(1);
        assertThat(cache.get("/a")).isNull();
    }

    @Test
    void zeroTurnsItOff() {
        AttributeCache off = new AttributeCache(Duration.ZERO, now::get, 10);
        off.put(off.beginFetch(), "/a", file(2, 1, 1));
        assertThat(off.get("/a")).isNull();
        assertThat(off.enabled()).isFalse();
    }

    @Test
    void aFetchInFlightAcrossADropOfItsPathCachesNothing() {
        AttributeCache.Fetch f = cache.beginFetch();
        cache.pathChanged("/a");
        cache.put(f, "/a", file(2, 1, 1));
        assertThat(cache.get("/a")).isNull();
        // a drop of something else does not stop it
        AttributeCache.Fetch g = cache.beginFetch();
        cache.pathChanged("/b");
        cache.put(g, "/a", file(2, 1, 1));
        assertThat(cache.get("/a")).isNotNull();
    }

    @Test
    void aFetchInFlightAcrossAChangeOfItsInodeOrTreeCachesNothing() {
        AttributeCache.Fetch f = cache.beginFetch();
        cache.inodeChanged(2);
        cache.put(f, "/x/a", file(2, 1, 1));
        AttributeCache.Fetch g = cache.beginFetch();
        cache.treeChanged("/x");
        cache.put(g, "/x/b", file(3, 1, 1));
        cache.put(g, "/xy", file(4, 1, 1)); // not below /x
        assertThat(cache.get("/x/a")).isNull();
        assertThat(cache.get("/x/b")).isNull();
        assertThat(cache.get("/xy")).isNotNull();
    }

    @Test
    void aFetchOlderThanTheLogCachesNothing() {
        AttributeCache.Fetch f = cache.beginFetch();
        for (int i = 0; i <= AttributeCache.LOG_SIZE; i++) cache.pathChanged("/other");
        cache.put(f, "/a", file(2, 1, 1));
        assertThat(cache.get("/a")).isNull();
    }

    @Test
    void aChangeOfAnInodeDropsEveryNameOfIt() {
        AttributeCache.Fetch f = cache.beginFetch();
        cache.putListing(f, "/d", List.of(new DirectoryEntry("a", file(2, 1, 2)), new DirectoryEntry("b", file(2, 1, 2)),
                new DirectoryEntry("c", file(3, 1, 1))));
        cache.inodeChanged(2);
        assertThat(cache.get("/d/a")).isNull();
        assertThat(cache.get("/d/b")).isNull();
        assertThat(cache.get("/d/c")).isNotNull();
    }

    @Test
    void anUnknownNameDropsEveryInodeWithSeveralNames() {
        AttributeCache.Fetch f = cache.beginFetch();
        cache.put(f, "/a", file(2, 1, 2));
        cache.put(f, "/c", file(3, 1, 1));
        cache.nameChanged("/b"); // maybe a second name of /a's inode: its nlink fell
        assertThat(cache.get("/a")).isNull();
        assertThat(cache.get("/c")).isNotNull();
    }

    @Test
    void aRenameDropsBothSubtreesAndParents() {
        AttributeCache.Fetch f = cache.beginFetch();
        long id = 10;
        for (String p : List.of("/", "/x", "/x/a", "/x/a/b", "/y", "/y/z", "/x0")) cache.put(f, p, dir(id++));
        cache.treeChanged("/x");
        cache.treeChanged("/y/z");
        assertThat(cache.get("/x")).isNull();
        assertThat(cache.get("/x/a")).isNull();
        assertThat(cache.get("/x/a/b")).isNull();
        assertThat(cache.get("/")).isNull();
        assertThat(cache.get("/y")).isNull();
        assertThat(cache.get("/x0")).isNotNull();
    }

    @Test
    void ownAnswersAreCachedUnlessSomethingElseDroppedThemMeanwhile() {
        AttributeCache.Fetch f = cache.beginFetch();
        cache.nameApplied(f, "/a", file(2, 0, 1));
        assertThat(cache.get("/a")).isEqualTo(file(2, 0, 1));
        AttributeCache.Fetch g = cache.beginFetch();
        cache.inodeApplied(g, file(2, 10, 1));
        assertThat(cache.get("/a")).isEqualTo(file(2, 10, 1));
        AttributeCache.Fetch h = cache.beginFetch();
        cache.inodeChanged(2); // another thread's change of the same inode
        cache.put(cache.beginFetch(), "/a", file(2, 20, 1));
        cache.inodeApplied(h, file(2, 15, 1));
        assertThat(cache.get("/a")).isNull();
    }

    @Test
    void itStaysBounded() {
        AttributeCache small = new AttributeCache(Duration.ofSeconds(1), now::get, 3);
        for (int i = 0; i < 10; i++) small.put(small.beginFetch(), "/f" + i, file(i + 2, 0, 1));
        assertThat(small.size()).isLessThanOrEqualTo(3);
    }

    /** Through the client: its own writes, truncates and renames are seen at once with an hour's cache. */
    @Test
    void aClientSeesItsOwnChangesAtOnce() throws Exception {
        try (FakeCluster cluster = new FakeCluster(5, 1024)) {
            RingFsClient fs = cluster.client(cluster.settings().withAttributeTtl(Duration.ofHours(1)));
            fs.mkdir("/d", 0755, 0, 0);
            try (OutputStream out = fs.openOutput("/d/f", false, 0, 0)) {
                out.write(new byte[3000]);
            }
            assertThat(fs.stat("/d/f").size()).isEqualTo(3000);
            assertThat(fs.list("/d")).extracting(e -> e.attributes().size()).containsExactly(3000L);
            try (OpenFile f = fs.open("/d/f", false)) {
                f.write(5000, new byte[10], 0, 10);
            }
            assertThat(fs.stat("/d/f").size()).isEqualTo(5010);
            fs.truncate("/d/f", 7);
            assertThat(fs.stat("/d/f").size()).isEqualTo(7);
            fs.rename("/d/f", "/d/g"); // (FakeMeta moves no subtrees: meta's RingFsClientCacheModelTest renames those)
            assertThat(fs.stat("/d/g").size()).isEqualTo(7);
            assertThat(catchCode(() -> fs.stat("/d/f"))).isEqualTo(org.ringfs.api.ErrorCode.NOT_FOUND);
            fs.unlink("/d/g");
            assertThat(catchCode(() -> fs.stat("/d/g"))).isEqualTo(org.ringfs.api.ErrorCode.NOT_FOUND);
            assertThat(fs.attributeCache().enabled()).isTrue();
        }
    }

    interface Call {
        void run() throws RingFsException;
    }

    static org.ringfs.api.ErrorCode catchCode(Call c) {
        try {
            c.run();
            return null;
        } catch (RingFsException e) {
            return e.code();
        }
    }
}
