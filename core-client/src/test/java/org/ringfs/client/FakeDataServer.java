package org.ringfs.client;

import org.ringfs.api.BlockData;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockPayload;
import org.ringfs.api.BlockService;
import org.ringfs.api.DataServerStatus;
import org.ringfs.api.ServerVitals;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.checksum.BlockChecksum;
import org.ringfs.checksum.ChunkChecksums;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory data server with the block protocol's semantics, which a test can take down. */
public final class FakeDataServer implements BlockService {
    private final String name;
    private final TreeMap<BlockKey, Copy> copies = new TreeMap<>();
    private volatile boolean down;
    private volatile boolean full;
    private volatile long putDelayMillis;
    public final AtomicInteger puts = new AtomicInteger();
    public final AtomicInteger gets = new AtomicInteger();

    private record Copy(byte[] bytes, int chunkSize, int[] chunkCrcs, int crc, long storedAt) {}

    public FakeDataServer(String name) {
        this.name = name;
    }

    public String name() { return name; }

    public void setDown(boolean down) { this.down = down; }

    /** A full disk: PUTs are refused with NO_SPACE, as a data server at its reserve refuses them; deletes still work. */
    public void setFull(boolean full) { this.full = full; }

    /** Every PUT takes this long before it is stored: a slow disk or a server warming up. */
    public void setPutDelay(long millis) { this.putDelayMillis = millis; }

    public synchronized boolean holds(BlockKey key) { return copies.containsKey(key); }

    public synchronized int size() { return copies.size(); }

    public synchronized List<BlockKey> keys() { return new ArrayList<>(copies.keySet()); }

    public synchronized void drop(BlockKey key) { copies.remove(key); }

    private void up() throws RingFsException {
        if (down) throw new RingFsException(ErrorCode.UNAVAILABLE, "data server " + name + " is down");
    }

    @Override
    public void put(BlockKey key, BlockPayload payload) throws RingFsException {
        if (putDelayMillis > 0) {
            try {
                Thread.sleep(putDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RingFsException(ErrorCode.UNAVAILABLE, "interrupted");
            }
        }
        store(key, payload.bytes(), payload.length(), payload.chunkSize(), payload.chunkCrcs());
    }

    private synchronized void store(BlockKey key, byte[] bytes, int length, int chunkSize, int[] chunkCrcs) throws RingFsException {
        up();
        puts.incrementAndGet();
        if (full) throw new RingFsException(ErrorCode.NO_SPACE, "data server " + name + ": no space left for " + key);
        if (!ChunkChecksums.matches(bytes, length, chunkSize, chunkCrcs)) {
            throw new RingFsException(ErrorCode.CHECKSUM_MISMATCH, "bytes do not match their checksums");
        }
        byte[] stored = Arrays.copyOf(bytes, length);
        copies.put(key, new Copy(stored, chunkSize, chunkCrcs.clone(), BlockChecksum.DEFAULT.of(stored, 0, length),
                System.currentTimeMillis()));
    }

    @Override
    public synchronized BlockData get(BlockKey key) throws RingFsException {
        up();
        gets.incrementAndGet();
        Copy c = find(key);
        return new BlockData(key, c.bytes.clone(), 0, c.bytes.length, c.bytes.length, c.chunkSize, c.chunkCrcs.clone());
    }

    @Override
    public synchronized BlockData read(BlockKey key, int offset, int length) throws RingFsException {
        up();
        gets.incrementAndGet();
        Copy c = find(key);
        int first = Math.min(offset, c.bytes.length) / c.chunkSize;
        int end = Math.min(c.bytes.length, offset + length);
        int lastChunk = end == 0 ? first : (end - 1) / c.chunkSize + 1;
        int from = first * c.chunkSize;
        int to = Math.min(c.bytes.length, lastChunk * c.chunkSize);
        return new BlockData(key, Arrays.copyOfRange(c.bytes, from, to), from, to - from, c.bytes.length, c.chunkSize,
                Arrays.copyOfRange(c.chunkCrcs, first, Math.max(first, lastChunk)));
    }

    private Copy find(BlockKey key) throws RingFsException {
        Copy c = copies.get(key);
        if (c != null) return c;
        for (BlockKey k : copies.subMap(new BlockKey(key.inode(), key.index(), 1), new BlockKey(key.inode(), key.index() + 1, 1)).keySet()) {
            throw new RingFsException(ErrorCode.WRONG_GENERATION, "holds " + k);
        }
        throw new RingFsException(ErrorCode.BLOCK_NOT_FOUND, "no " + key);
    }

    @Override
    public synchronized void delete(BlockKey key) throws RingFsException {
        up();
        copies.remove(key);
    }

    @Override
    public synchronized void delete(BlockKey key, long orderTerm) throws RingFsException {
        delete(key); // no meta terms here
    }

    @Override
    public synchronized List<StoredBlock> list(BlockKey after, int limit) throws RingFsException {
        up();
        List<StoredBlock> out = new ArrayList<>();
        Map<BlockKey, Copy> tail = after == null ? copies : copies.tailMap(after, false);
        for (Map.Entry<BlockKey, Copy> e : tail.entrySet()) {
            if (out.size() >= limit) break;
            out.add(new StoredBlock(e.getKey(), e.getValue().bytes.length, e.getValue().crc, e.getValue().storedAt));
        }
        return out;
    }

    @Override
    public synchronized StoredBlock verify(BlockKey key) throws RingFsException {
        up();
        Copy c = find(key);
        if (!ChunkChecksums.matches(c.bytes, c.bytes.length, c.chunkSize, c.chunkCrcs)) {
            throw new RingFsException(ErrorCode.CORRUPT, key + " is corrupt");
        }
        return new StoredBlock(key, c.bytes.length, c.crc, c.storedAt);
    }

    @Override
    public synchronized DataServerStatus status() throws RingFsException {
        up();
        return new DataServerStatus(name, new ServerVitals(0, 0, copies.size(), 0, false, 0, 0, 0), true, "");
    }

    @Override
    public synchronized void corrupt(BlockKey key, int offset) throws RingFsException {
        up();
        Copy c = find(key);
        c.bytes[offset] ^= 0x5a;
    }
}
