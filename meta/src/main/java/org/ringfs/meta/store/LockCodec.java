package org.ringfs.meta.store;

import org.ringfs.api.DavLock;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The locks database layout: key = the lock token (UTF-8); value = format byte, root, flags
 * (1 exclusive, 2 deep, 4 has owner), owner XML when present, principal, timeout seconds, expiry
 * millis. Strings are length-prefixed UTF-8.
 */
final class LockCodec {
    private LockCodec() {}

    private static final byte FORMAT = 1;
    private static final int EXCLUSIVE = 1;
    private static final int DEEP = 2;
    private static final int HAS_OWNER = 4;

    static byte[] key(String token) { return Codec.utf8(token); }

    static byte[] value(DavLock l) {
        int size = 1 + Codec.stringSize(l.root()) + 1 + (l.ownerXml() == null ? 0 : Codec.stringSize(l.ownerXml()))
                + Codec.stringSize(l.principal()) + 8 + 8;
        ByteBuffer b = ByteBuffer.allocate(size).put(FORMAT);
        Codec.putString(b, l.root());
        int flags = (l.exclusive() ? EXCLUSIVE : 0) | (l.deep() ? DEEP : 0) | (l.ownerXml() != null ? HAS_OWNER : 0);
        b.put((byte) flags);
        if (l.ownerXml() != null) Codec.putString(b, l.ownerXml());
        Codec.putString(b, l.principal());
        b.putLong(l.timeoutSeconds()).putLong(l.expiresAtMillis());
        return b.array();
    }

    static DavLock decode(byte[] key, byte[] value) {
        String token = Codec.utf8(key);
        try {
            ByteBuffer b = ByteBuffer.wrap(value);
            byte format = b.get();
            if (format != FORMAT) throw new CorruptRecordException("lock " + token + " has format " + format);
            String root = Codec.getString(b);
            int flags = b.get();
            String owner = (flags & HAS_OWNER) != 0 ? Codec.getString(b) : null;
            String principal = Codec.getString(b);
            return new DavLock(token, root, (flags & EXCLUSIVE) != 0, (flags & DEEP) != 0, owner, principal,
                    b.getLong(), b.getLong());
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("lock " + token + " is truncated");
        }
    }
}
