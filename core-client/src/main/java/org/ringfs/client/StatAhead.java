package org.ringfs.client;

import org.ringfs.api.RingFsException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Lists a directory ahead of a walk of stats through it, as NFS's READDIRPLUS and Lustre's
 * statahead do: once {@link #MISSES} stats of names in one directory missed the attribute cache
 * within its time, one listing of that directory starts in the background and fills the cache with
 * every entry, so the walk's next stats answer from memory. A stat that misses while a listing of
 * its directory is in flight waits for it, at most {@link #WAIT}, then asks meta itself.
 *
 * <p>Staleness is the attribute cache's own: the lister caches each entry as a stat's answer (in
 * the client's cache its age counts from when the listing was sent, and this client's changes
 * during it drop what they touch, as for any fetch). A directory is listed
 * ahead at most once per cache time (a name the listing did not hold, such as a missing one, only
 * misses again); a directory whose listing held more than {@link #MAX_LISTED} entries is not listed
 * ahead again, since one such listing costs meta more than the stats it saves. Only while the
 * attribute cache is on. The client and the FUSE mount (over its own attribute cache) use it.
 * Thread-safe.
 */
public final class StatAhead {
    /** Misses in one directory, within the cache time, that start a listing of it. */
    public static final int MISSES = 16;
    /** A directory whose listing was larger is never listed ahead again. */
    static final int MAX_LISTED = AttributeCache.MAX_ENTRIES / 5;
    /** The longest a stat waits for a listing in flight: a 2000-entry listing takes ~20 ms. */
    static final Duration WAIT = Duration.ofMillis(200);
    /** Directories remembered (least recently missed forgotten first). */
    static final int DIRECTORIES = 1024;

    private static final System.Logger LOG = System.getLogger(StatAhead.class.getName());

    /** Lists a directory into the attribute cache, answering how many entries it held. */
    public interface Lister {
        int list(String directory) throws RingFsException;
    }

    private static final class Directory {
        int misses;
        long firstMissNanos;
        long listedNanos;
        boolean listed;
        /** Counted down when the listing in flight ends; null when none is. */
        CountDownLatch inFlight;
        boolean tooLarge;
    }

    private final long ttlNanos;
    private final Lister lister;
    private final Executor executor;
    private final LongSupplier nanoTime;
    private final long waitNanos;
    private final Map<String, Directory> directories = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Directory> eldest) {
            return size() > DIRECTORIES;
        }
    };

    /** @param ttl the attribute cache's time (zero: it is off, and nothing is listed ahead) */
    public StatAhead(Duration ttl, Lister lister, Executor executor) {
        this(ttl, lister, executor, System::nanoTime, WAIT);
    }

    StatAhead(Duration ttl, Lister lister, Executor executor, LongSupplier nanoTime, Duration wait) {
        this.ttlNanos = ttl.toNanos();
        this.lister = lister;
        this.executor = executor;
        this.nanoTime = nanoTime;
        this.waitNanos = wait.toNanos();
    }

    /**
     * A stat of {@code path} (normalised) missed the cache: may start a listing of its directory,
     * and waits for one in flight (at most {@link #WAIT}), so the caller should look again.
     */
    public void missed(String path) {
        if (ttlNanos <= 0) return;
        String dir = PathNames.parent(path);
        if (dir == null) return;
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch inFlight = listingFor(dir, started);
        if (inFlight == null) return;
        if (inFlight == started) {
            try {
                executor.execute(() -> list(dir, started));
            } catch (RejectedExecutionException e) { // the client is closing: nothing to read ahead for
                finished(dir, started, -1);
                return;
            }
        }
        try {
            inFlight.await(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's meta call sees it
        }
    }

    /** The listing of {@code dir} in flight, or {@code start} when this miss starts one, or null. */
    private synchronized CountDownLatch listingFor(String dir, CountDownLatch start) {
        long now = nanoTime.getAsLong();
        long ttl = ttlNanos;
        Directory d = directories.computeIfAbsent(dir, k -> new Directory());
        if (d.tooLarge) return null;
        if (d.inFlight != null) return d.inFlight;
        if (d.misses == 0 || now - d.firstMissNanos >= ttl) {
            d.misses = 0;
            d.firstMissNanos = now;
        }
        d.misses++;
        if (d.misses < MISSES || (d.listed && now - d.listedNanos < ttl)) return null;
        d.inFlight = start;
        d.listed = true;
        d.listedNanos = now;
        d.misses = 0;
        return start;
    }

    private void list(String dir, CountDownLatch done) {
        int entries = -1;
        try {
            entries = lister.list(dir);
        } catch (RingFsException e) {
            // Not an error to anyone: the stats waiting for this listing ask meta themselves.
            LOG.log(System.Logger.Level.DEBUG, "listing ahead of stats in {0} failed: {1}", dir, e.getMessage());
        } finally {
            finished(dir, done, entries);
        }
    }

    /** Releases the stats waiting on {@code done}, even when the directory was forgotten meanwhile. */
    private synchronized void finished(String dir, CountDownLatch done, int entries) {
        done.countDown();
        Directory d = directories.get(dir);
        if (d == null || d.inFlight != done) return;
        d.inFlight = null;
        if (entries > MAX_LISTED) d.tooLarge = true;
    }
}
