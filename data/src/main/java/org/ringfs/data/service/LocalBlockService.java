package org.ringfs.data.service;

import org.ringfs.api.BlockData;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockPayload;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.BlockService;
import org.ringfs.api.DataServerStatus;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.data.fault.DataServerFaults;
import org.ringfs.data.store.BlockSlice;
import org.ringfs.data.store.BlockStore;
import org.ringfs.data.store.DeleteGate;

import java.util.List;

/**
 * {@link BlockService} in process, as a data server serves it: the block store, asked through the
 * delete gate before any delete, with the fault hooks around a put and fault injection only when
 * the server allows it. Every write is synced by the store before it returns.
 */
public final class LocalBlockService implements BlockService {
    private final BlockStore store;
    private final StatusSource status;
    private final String serverName;
    private final boolean allowFaultInjection;
    private final DeleteGate deletes;

    /**
     * @param status              what {@link #status()} answers (the server assembles it)
     * @param serverName          for the fault hooks
     * @param allowFaultInjection whether {@link #corrupt} works
     * @param deletes             asked before every delete (a server with meta deletes only with meta's authority)
     */
    public LocalBlockService(BlockStore store, StatusSource status, String serverName, boolean allowFaultInjection,
                             DeleteGate deletes) {
        this.store = store;
        this.status = status;
        this.serverName = serverName;
        this.allowFaultInjection = allowFaultInjection;
        this.deletes = deletes;
    }

    @Override
    public void put(BlockKey key, BlockPayload payload) throws RingFsException {
        DataServerFaults.beforePut(serverName, key);
        store.put(key, payload.bytes(), payload.length(), payload.chunkSize(), payload.chunkCrcs());
        try {
            DataServerFaults.beforePutReply(serverName);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RingFsException(ErrorCode.UNAVAILABLE, "data server " + serverName + " is stopping", e);
        }
    }

    @Override public BlockData get(BlockKey key) throws RingFsException { return store.get(key); }

    @Override
    public BlockData read(BlockKey key, int offset, int length) throws RingFsException {
        return store.read(key, offset, length);
    }

    /** As {@link #read}, as a view over the stored record: what the server sends, without a copy of its own. */
    public BlockSlice slice(BlockKey key, int offset, int length) throws RingFsException {
        return store.slice(key, offset, length);
    }

    @Override
    public void delete(BlockKey key) throws RingFsException {
        deletes.check();
        store.delete(key);
    }

    @Override
    public void delete(BlockKey key, long orderTerm) throws RingFsException {
        deletes.checkOrder(orderTerm);
        store.delete(key);
    }

    /** At most {@link BlockProtocol#MAX_LIST_LIMIT} copies, whatever the limit asked. */
    @Override
    public List<StoredBlock> list(BlockKey after, int limit) throws RingFsException {
        return store.list(after, Math.min(limit, BlockProtocol.MAX_LIST_LIMIT));
    }

    @Override public StoredBlock verify(BlockKey key) throws RingFsException { return store.verify(key); }

    @Override public DataServerStatus status() throws RingFsException { return status.status(); }

    @Override
    public void corrupt(BlockKey key, int offset) throws RingFsException {
        if (!allowFaultInjection) {
            throw new RingFsException(ErrorCode.FAULT_INJECTION_DISABLED, "this data server was started without fault injection");
        }
        store.corrupt(key, offset);
    }
}
