package org.ringfs.meta.store;

import org.ringfs.api.FileType;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The value layout of the inodes database, big-endian: format byte, type code, mode, uid, gid,
 * size, nlink, atime, mtime, ctime (nanoseconds), rdev, then a flag and the symlink target. The id
 * is the key. Type codes are fixed here, never enum ordinals, so reordering FileType is harmless.
 */
final class InodeCodec {
    private InodeCodec() {}

    private static final byte FORMAT = 1;

    static byte[] encode(InodeRecord r) {
        int size = 1 + 1 + 4 * 3 + 8 + 4 + 8 * 3 + 4 + 1 + (r.symlinkTarget() == null ? 0 : Codec.stringSize(r.symlinkTarget()));
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(FORMAT).put(typeCode(r.type())).putInt(r.mode()).putInt(r.uid()).putInt(r.gid()).putLong(r.size())
                .putInt(r.nlink()).putLong(r.atimeNanos()).putLong(r.mtimeNanos()).putLong(r.ctimeNanos())
                .putInt(r.rdev());
        if (r.symlinkTarget() == null) {
            b.put((byte) 0);
        } else {
            b.put((byte) 1);
            Codec.putString(b, r.symlinkTarget());
        }
        return b.array();
    }

    static InodeRecord decode(long id, byte[] value) {
        try {
            ByteBuffer b = ByteBuffer.wrap(value);
            byte format = b.get();
            if (format != FORMAT) throw new CorruptRecordException("inode " + id + " has format " + format);
            FileType type = typeOf(b.get());
            int mode = b.getInt();
            int uid = b.getInt();
            int gid = b.getInt();
            long size = b.getLong();
            int nlink = b.getInt();
            long atime = b.getLong();
            long mtime = b.getLong();
            long ctime = b.getLong();
            int rdev = b.getInt();
            String target = b.get() == 0 ? null : Codec.getString(b);
            return new InodeRecord(id, type, mode, uid, gid, size, nlink, atime, mtime, ctime, rdev, target);
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("inode " + id + " is truncated");
        }
    }

    private static byte typeCode(FileType t) {
        return switch (t) {
            case FILE -> 1;
            case DIRECTORY -> 2;
            case SYMLINK -> 3;
            case FIFO -> 4;
            case SOCKET -> 5;
            case CHAR_DEVICE -> 6;
            case BLOCK_DEVICE -> 7;
        };
    }

    private static FileType typeOf(byte code) {
        return switch (code) {
            case 1 -> FileType.FILE;
            case 2 -> FileType.DIRECTORY;
            case 3 -> FileType.SYMLINK;
            case 4 -> FileType.FIFO;
            case 5 -> FileType.SOCKET;
            case 6 -> FileType.CHAR_DEVICE;
            case 7 -> FileType.BLOCK_DEVICE;
            default -> throw new CorruptRecordException("unknown inode type code " + code);
        };
    }
}
