package org.ringfs.fuse.fs;

import org.junit.jupiter.api.Test;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The mount's attribute cache on a fake clock: what a create or mkdir through the mount puts in. */
class AttributeCacheTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AttributeCache cache = new AttributeCache(1.0, now::get);

    private static InodeAttributes dir(long id, long mtime) {
        return new InodeAttributes(id, FileType.DIRECTORY, 0755, 0, 0, 0, 3, 5, mtime, mtime, 0);
    }

    private static InodeAttributes file(long id, long ctime) {
        return new InodeAttributes(id, FileType.FILE, 0644, 0, 0, 0, 1, ctime, ctime, ctime, 0);
    }

    @Test
    void anAddedNameIsAnsweredByTheAddsAnswerForTheTimeout() {
        long before = cache.changes();
        cache.answered("/d/f", file(7, 100), before);
        assertThat(cache.get("/d/f")).isEqualTo(file(7, 100));
        now.addAndGet(999_999_999L);
        assertThat(cache.get("/d/f")).isEqualTo(file(7, 100));
        now.addAndGet(1);
        assertThat(cache.get("/d/f")).isNull();
    }

    @Test
    void aCommitsAnswerReplacesAFreshEntryOfItsInodeAndKeepsItsAge() {
        cache.put("/d/f", file(7, 100), cache.changes());
        cache.put("/d/link", file(7, 100), cache.changes());
        now.addAndGet(600_000_000L);
        cache.committed("/d/f", file(7, 200), cache.changes());
        assertThat(cache.get("/d/f")).isEqualTo(file(7, 200));
        assertThat(cache.get("/d/link")).as("another name of the inode").isNull();
        now.addAndGet(400_000_000L); // the timeout after the fetch that last saw the name
        assertThat(cache.get("/d/f")).isNull();
    }

    @Test
    void aCommitsAnswerIsNotCachedForAPathThatNoLongerNamesItsInode() {
        cache.committed("/d/f", file(7, 200), cache.changes());
        assertThat(cache.get("/d/f")).as("nothing cached: the name may have gone elsewhere").isNull();
        cache.put("/d/f", file(8, 100), cache.changes()); // another client replaced the name
        cache.committed("/d/f", file(7, 200), cache.changes());
        assertThat(cache.get("/d/f")).isNull();
        cache.put("/d/f", file(7, 100), cache.changes());
        now.addAndGet(1_000_000_000L);
        cache.committed("/d/f", file(7, 200), cache.changes());
        assertThat(cache.get("/d/f")).as("an expired entry is not made young").isNull();
    }

    @Test
    void anAddedNameIsNotCachedWhenItsInodeWasDroppedWhileTheCallRan() {
        cache.put("/d/f", file(6, 50), cache.changes());
        long before = cache.changes();
        cache.forgetInode(7); // another operation of the mount, between the call and its answer
        cache.answered("/d/f", file(7, 100), before);
        assertThat(cache.get("/d/f")).as("neither the old name's attributes nor the answer").isNull();
    }

    @Test
    void anAddedNameIsNotCachedWhenItsPathWasDroppedWhileTheCallRan() {
        long before = cache.changes();
        cache.forgetPath("/d/f");
        cache.answered("/d/f", file(7, 100), before);
        assertThat(cache.get("/d/f")).isNull();
    }

    @Test
    void anAddedNameIsCachedThoughOtherNamesChangedWhileTheCallRan() {
        long before = cache.changes();
        cache.forgetInode(99); // a create of a sibling by another thread of the mount
        cache.timesMoved("/d", 90);
        cache.nameRemoved("/d/g", "/d", OptionalLong.of(98), null, cache.changes());
        cache.answered("/d/f", file(7, 100), before);
        assertThat(cache.get("/d/f")).isEqualTo(file(7, 100));
    }

    @Test
    void nothingReadBeforeEverythingWasDroppedIsCached() {
        long before = cache.changes();
        cache.clear(); // a rename: the path may name something else now
        cache.answered("/d/f", file(7, 100), before);
        cache.put("/d/g", file(8, 100), before);
        assertThat(cache.get("/d/f")).isNull();
        assertThat(cache.get("/d/g")).isNull();
    }

    @Test
    void aReadOlderThanTheOldestRememberedDropIsNotCached() {
        long before = cache.changes();
        for (int i = 0; i <= AttributeCache.REMEMBERED_DROPS; i++) cache.forgetPath("/other/" + i);
        cache.put("/d/f", file(7, 100), before);
        assertThat(cache.get("/d/f")).as("its own drop may be one forgotten").isNull();
        cache.put("/d/f", file(7, 100), cache.changes());
        assertThat(cache.get("/d/f")).isEqualTo(file(7, 100));
    }

    @Test
    void movedTimesGoIntoTheCachedDirectoryWhichKeepsItsAge() {
        cache.put("/d", dir(3, 100), cache.changes());
        now.addAndGet(600_000_000L);
        cache.timesMoved("/d", 200);
        InodeAttributes a = cache.get("/d");
        assertThat(a).isEqualTo(new InodeAttributes(3, FileType.DIRECTORY, 0755, 0, 0, 0, 3, 5, 200, 200, 0));
        now.addAndGet(400_000_000L);
        assertThat(cache.get("/d")).as("a second after the directory's fetch").isNull();
    }

    @Test
    void movedTimesNeverGoBack() {
        cache.put("/d", dir(3, 300), cache.changes());
        cache.timesMoved("/d", 200);
        assertThat(cache.get("/d")).isEqualTo(dir(3, 300));
    }

    @Test
    void movedTimesCacheNothingNewAndDropAStatInFlight() {
        cache.timesMoved("/d", 200);
        assertThat(cache.get("/d")).isNull();
        long before = cache.changes();
        cache.timesMoved("/d", 300); // while a stat of /d is at meta: its answer may predate the create
        cache.put("/d", dir(3, 100), before);
        assertThat(cache.get("/d")).isNull();
    }

    @Test
    void movedTimesDropAnEntryThatIsNoDirectory() {
        cache.put("/d", file(3, 100), cache.changes());
        cache.timesMoved("/d", 200);
        assertThat(cache.get("/d")).isNull();
    }

    @Test
    void anAppliedChangeDropsTheInodesOtherNamesAndCachesTheAnswerForItsPath() {
        cache.put("/a", file(7, 100), cache.changes());
        cache.put("/b", file(7, 100), cache.changes()); // a hard link
        long before = cache.changes();
        cache.applied("/a", file(7, 200), before);
        assertThat(cache.get("/a")).isEqualTo(file(7, 200));
        assertThat(cache.get("/b")).isNull();
    }

    @Test
    void anAppliedChangeIsNotCachedWhenItsInodeWasDroppedWhileTheCallRan() {
        cache.put("/a", file(7, 100), cache.changes());
        long before = cache.changes();
        cache.forgetInode(7);
        cache.applied("/a", file(7, 200), before);
        assertThat(cache.get("/a")).isNull();
    }

    @Test
    void aStatIsCachedThoughAnotherPathWasDroppedWhileItRan() {
        long before = cache.changes();
        cache.forgetPath("/elsewhere");
        cache.put("/a", file(7, 100), before);
        assertThat(cache.get("/a")).isEqualTo(file(7, 100));
    }

    @Test
    void aRemovedNameDropsItsInodesOtherNamesAndItsParentAndKeepsTheRest() {
        cache.put("/d", dir(2, 100), cache.changes());
        cache.put("/d/a", file(7, 100), cache.changes());
        cache.put("/e/b", file(7, 100), cache.changes()); // a hard link elsewhere
        cache.put("/d/sibling", file(8, 100), cache.changes());
        cache.put("/", dir(1, 100), cache.changes());
        cache.nameRemoved("/d/a", "/d", cache.inodeNamed("/d/a"), null, cache.changes());
        assertThat(cache.get("/d/a")).isNull();
        assertThat(cache.get("/e/b")).as("the other name's nlink and ctime moved").isNull();
        assertThat(cache.get("/d")).as("the parent's times moved").isNull();
        assertThat(cache.get("/d/sibling")).isEqualTo(file(8, 100));
        assertThat(cache.get("/")).isEqualTo(dir(1, 100));
    }

    @Test
    void aRemovedNameTheCacheDidNotKnowDropsEverything() {
        cache.put("/e/b", file(7, 100), cache.changes()); // perhaps a hard link of /d/a
        cache.put("/d/sibling", file(8, 100), cache.changes());
        cache.nameRemoved("/d/a", "/d", cache.inodeNamed("/d/a"), null, cache.changes());
        assertThat(cache.get("/e/b")).isNull();
        assertThat(cache.get("/d/sibling")).isNull();
    }

    @Test
    void anExpiredEntryStillNamesTheInodeARemovalDrops() {
        cache.put("/d/a", file(7, 100), cache.changes());
        now.addAndGet(2_000_000_000L);
        cache.put("/e/b", file(7, 100), cache.changes());
        cache.put("/d/sibling", file(8, 100), cache.changes());
        cache.nameRemoved("/d/a", "/d", cache.inodeNamed("/d/a"), null, cache.changes());
        assertThat(cache.get("/e/b")).isNull();
        assertThat(cache.get("/d/sibling")).isEqualTo(file(8, 100));
    }

    @Test
    void aStatInFlightAcrossARemovalIsNotCachedForWhatTheRemovalMoved() {
        cache.put("/d/a", file(7, 100), cache.changes());
        long before = cache.changes();
        cache.nameRemoved("/d/a", "/d", cache.inodeNamed("/d/a"), null, cache.changes());
        cache.put("/d/a", file(7, 100), before);
        cache.put("/e/b", file(7, 100), before); // another name of the removed inode
        cache.put("/d", dir(2, 100), before);
        cache.put("/d/sibling", file(8, 100), before);
        assertThat(cache.get("/d/a")).isNull();
        assertThat(cache.get("/e/b")).isNull();
        assertThat(cache.get("/d")).isNull();
        assertThat(cache.get("/d/sibling")).as("untouched by the removal").isEqualTo(file(8, 100));
    }

    @Test
    void theParentTakesWhatMetaAnsweredTheRemoval() {
        cache.put("/d", dir(2, 100), cache.changes());
        cache.put("/d/a", file(7, 100), cache.changes());
        long before = cache.changes();
        cache.nameRemoved("/d/a", "/d", cache.inodeNamed("/d/a"), dir(2, 200), before);
        assertThat(cache.get("/d")).isEqualTo(dir(2, 200));
        assertThat(cache.get("/d/a")).isNull();
    }

    @Test
    void theParentsAnswerIsNotCachedWhenTheParentWasDroppedWhileTheCallRan() {
        cache.put("/d/a", file(7, 100), cache.changes());
        long before = cache.changes();
        cache.timesMoved("/d", 300); // a create in /d by another thread of the mount, after meta's answer perhaps
        cache.nameRemoved("/d/a", "/d", cache.inodeNamed("/d/a"), dir(2, 200), before);
        assertThat(cache.get("/d")).isNull();
    }
}
