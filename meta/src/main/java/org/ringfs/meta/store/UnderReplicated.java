package org.ringfs.meta.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Why a block is under-replicated: the ring servers that should hold it and did not acknowledge
 * its commit, and when meta recorded that (the registry only clears a server from entries older
 * than its last reconcile request).
 */
public record UnderReplicated(long inode, long index, long recordedAtMillis, List<String> missing) {

    public UnderReplicated {
        missing = List.copyOf(missing);
    }

    byte[] value() {
        ByteBuffer b = ByteBuffer.allocate(8 + Codec.stringListSize(missing));
        b.putLong(recordedAtMillis);
        Codec.putStringList(b, missing);
        return b.array();
    }

    static UnderReplicated decode(long inode, long index, byte[] value) {
        try {
            ByteBuffer b = ByteBuffer.wrap(value);
            return new UnderReplicated(inode, index, b.getLong(), Codec.getStringList(b));
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("under-replicated row " + inode + "/" + index + " is truncated");
        }
    }
}
