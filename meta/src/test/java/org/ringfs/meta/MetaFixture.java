package org.ringfs.meta;

import org.ringfs.api.RingFsException;
import org.ringfs.meta.server.LocalMetaService;
import org.ringfs.meta.store.MetaStore;
import org.ringfs.meta.store.StoreOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A real JE store in a test directory and the in-process meta service over it; reopenable. */
public final class MetaFixture implements AutoCloseable {
    /** Writer sessions end after this long unrenewed (the fixture's clock only moves when a test moves it). */
    public static final Duration SESSION_TIMEOUT = Duration.ofMinutes(10);
    public static final List<String> RING = List.of("data-1", "data-2", "data-3", "data-4", "data-5");

    public final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    private final StoreOptions options;
    public MetaStore store;
    public LocalMetaService meta;
    /** A writer session the tests commit under. */
    public long session;

    public MetaFixture(Path dir) throws RingFsException {
        this(dir, 4096);
    }

    public MetaFixture(Path dir, int blockSize) throws RingFsException {
        this.options = StoreOptions.defaults(dir).withBlockSize(blockSize).withInitialRing(RING);
        open();
        session = meta.openSession("test");
    }

    private void open() throws RingFsException {
        open(false);
    }

    private void open(boolean acceptOlderStore) throws RingFsException {
        store = MetaStore.open(options, clock);
        meta = new LocalMetaService(store, clock, Duration.ofSeconds(3), SESSION_TIMEOUT, acceptOlderStore);
    }

    /** Closes the store and opens it again, as a restart of meta would. */
    public void reopen() throws RingFsException {
        reopen(false);
    }

    /** A restart, with {@code --accept-older-store} when asked. */
    public void reopen(boolean acceptOlderStore) throws RingFsException {
        store.close();
        open(acceptOlderStore);
    }

    @Override
    public void close() { store.close(); }
}
