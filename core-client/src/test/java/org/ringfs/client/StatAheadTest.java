package org.ringfs.client;

import org.junit.jupiter.api.Test;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class StatAheadTest {
    static final long TTL = 1_000;

    final AtomicLong now = new AtomicLong(5_000);
    final AttributeCache cache = new AttributeCache(Duration.ofNanos(TTL), now::get, 1000);
    final List<String> listed = new ArrayList<>();
    int entries = 10;
    final List<Runnable> queued = new java.util.concurrent.CopyOnWriteArrayList<>();
    StatAhead ahead = new StatAhead(Duration.ofNanos(TTL), dir -> {
        listed.add(dir);
        return entries;
    }, Runnable::run, now::get, StatAhead.WAIT);

    void miss(String path, int times) {
        for (int i = 0; i < times; i++) ahead.missed(path + i);
    }

    @Test
    void aWalkOfMissesThroughOneDirectoryListsItOnce() {
        miss("/d/f", StatAhead.MISSES - 1);
        assertThat(listed).isEmpty();
        ahead.missed("/d/last");
        assertThat(listed).containsExactly("/d");
        miss("/d/g", 3 * StatAhead.MISSES);
        assertThat(listed).as("at most once per cache time").containsExactly("/d");
    }

    @Test
    void missesSpreadOverMoreThanTheCacheTimeListNothing() {
        for (int i = 0; i < 3 * StatAhead.MISSES; i++) {
            ahead.missed("/d/f" + i);
            now.addAndGet(TTL / (StatAhead.MISSES / 2));
        }
        assertThat(listed).isEmpty();
    }

    @Test
    void missesInOtherDirectoriesDoNotAddUp() {
        for (int i = 0; i < StatAhead.MISSES; i++) ahead.missed("/d" + (i % 2) + "/f" + i);
        assertThat(listed).isEmpty();
    }

    @Test
    void aDirectoryIsListedAgainOnlyAfterTheCacheTime() {
        miss("/d/f", StatAhead.MISSES);
        now.addAndGet(TTL);
        miss("/d/g", StatAhead.MISSES);
        assertThat(listed).containsExactly("/d", "/d");
    }

    @Test
    void aListingInFlightIsNotStartedTwice() {
        ahead = new StatAhead(Duration.ofNanos(TTL), dir -> {
            listed.add(dir);
            return entries;
        }, queued::add, now::get, Duration.ofMillis(1));
        miss("/d/f", StatAhead.MISSES);
        now.addAndGet(2 * TTL);
        miss("/d/g", 2 * StatAhead.MISSES);
        assertThat(queued).hasSize(1);
        queued.get(0).run();
        miss("/d/h", StatAhead.MISSES);
        assertThat(queued).hasSize(2);
    }

    @Test
    void aListingReleasesItsWaitersEvenWhenItsDirectoryWasForgottenMeanwhile() throws Exception {
        ahead = new StatAhead(Duration.ofNanos(TTL), dir -> {
            listed.add(dir);
            return entries;
        }, queued::add, now::get, Duration.ofMinutes(1));
        miss("/d/f", StatAhead.MISSES - 1);
        Thread stat = new Thread(() -> ahead.missed("/d/last")); // starts the listing, then waits for it
        stat.start();
        while (queued.isEmpty()) Thread.sleep(5);
        for (int i = 0; i <= StatAhead.DIRECTORIES; i++) ahead.missed("/other" + i + "/f"); // /d is forgotten
        queued.get(0).run();
        stat.join(20_000);
        assertThat(stat.isAlive()).as("the stat still waits for a listing that ended").isFalse();
    }

    @Test
    void aStatWaitsForTheListingInFlightOfItsDirectory() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AttributeCache.Fetch fetch = cache.beginFetch();
        ahead = new StatAhead(Duration.ofNanos(TTL), dir -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new RingFsException(ErrorCode.UNAVAILABLE, "interrupted");
            }
            cache.put(fetch, "/d/late", AttributeCacheTest.file(7, 1, 1));
            return 1;
        }, r -> new Thread(r).start(), now::get, Duration.ofMinutes(1));
        miss("/d/f", StatAhead.MISSES - 1);
        Thread stat = new Thread(() -> ahead.missed("/d/late"));
        stat.start();
        stat.join(200);
        assertThat(stat.isAlive()).as("waits while the listing runs").isTrue();
        release.countDown();
        stat.join(20_000);
        assertThat(stat.isAlive()).isFalse();
        assertThat(cache.get("/d/late")).isNotNull();
    }

    @Test
    void aDirectoryTooLargeToListIsNotListedAheadAgain() {
        entries = StatAhead.MAX_LISTED + 1;
        miss("/big/f", StatAhead.MISSES);
        now.addAndGet(2 * TTL);
        miss("/big/g", 4 * StatAhead.MISSES);
        assertThat(listed).containsExactly("/big");
    }

    @Test
    void aFailedListingReachesNoStatAndIsTriedAgainAfterTheCacheTime() {
        AtomicInteger tries = new AtomicInteger();
        ahead = new StatAhead(Duration.ofNanos(TTL), dir -> {
            tries.incrementAndGet();
            throw new RingFsException(ErrorCode.UNAVAILABLE, "meta is away");
        }, Runnable::run, now::get, StatAhead.WAIT);
        miss("/d/f", StatAhead.MISSES);
        miss("/d/g", StatAhead.MISSES);
        now.addAndGet(TTL);
        miss("/d/h", StatAhead.MISSES);
        assertThat(tries).hasValue(2);
    }

    @Test
    void nothingIsListedAheadWhileTheCacheIsOff() {
        ahead = new StatAhead(Duration.ZERO, dir -> {
            listed.add(dir);
            return entries;
        }, Runnable::run, now::get, StatAhead.WAIT);
        miss("/d/f", 4 * StatAhead.MISSES);
        assertThat(listed).isEmpty();
    }

    /** Through the client: after the first misses of a walk, the rest of it asks meta nothing, and answers as meta does. */
    @Test
    void aClientWalkingADirectoryAsksMetaForAFewStatsAndOneListing() throws Exception {
        try (FakeCluster cluster = new FakeCluster(5, 1024)) {
            RingFsClient writer = cluster.client();
            writer.mkdir("/d", 0755, 0, 0);
            int files = 200;
            for (int i = 0; i < files; i++) {
                try (OutputStream out = writer.openOutput("/d/f" + i, false, 0, 0)) {
                    out.write(new byte[i]);
                }
            }
            Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
            MetaService counted = FakeMeta.counting(cluster.meta.service(), calls);
            try (RingFsClient fs = new RingFsClient(FakeCluster.settings().withAttributeTtl(Duration.ofHours(1)),
                    counted, new ClusterView(counted, cluster.servers::get))) {
                for (int i = 0; i < StatAhead.MISSES; i++) assertThat(fs.stat("/d/f" + i).size()).isEqualTo(i);
                awaitCached(fs, "/d/f" + (files - 1));
                int statsBefore = count(calls, "stat");
                for (int i = StatAhead.MISSES; i < files; i++) {
                    InodeAttributes a = fs.stat("/d/f" + i);
                    assertThat(a).isEqualTo(cluster.meta.stat("/d/f" + i));
                }
                // the stat that starts the listing waits for it; only those before it asked meta
                assertThat(count(calls, "stat")).isEqualTo(statsBefore).isEqualTo(StatAhead.MISSES - 1);
                assertThat(count(calls, "list") + count(calls, "listPacked")).isEqualTo(2); // listPacked refused, then list
            }
        }
    }

    private static void awaitCached(RingFsClient fs, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (fs.attributeCache().get(path) == null) {
            assertThat(System.nanoTime()).as("the listing ahead never filled the cache").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static int count(Map<String, AtomicInteger> calls, String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }
}
