package org.ringfs.api;

import java.util.Map;

/**
 * What stat(2) says of an inode. {@code mode} holds the permission bits only (07777); the type is
 * {@link #type()}. Times are nanoseconds since the epoch.
 */
public record InodeAttributes(long id, FileType type, int mode, int uid, int gid, long size, int nlink,
                              long atimeNanos, long mtimeNanos, long ctimeNanos, int rdev) {

    /** st_mode as the kernel wants it: type bits and permission bits. */
    public int stMode() { return type.bits() | (mode & 07777); }

    public boolean isDirectory() { return type == FileType.DIRECTORY; }

    public boolean isFile() { return type == FileType.FILE; }

    public boolean isSymlink() { return type == FileType.SYMLINK; }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("id", id);
        s.put("type", type.name());
        s.put("mode", mode);
        s.put("uid", uid);
        s.put("gid", gid);
        s.put("size", size);
        s.put("nlink", nlink);
        s.put("atime", atimeNanos);
        s.put("mtime", mtimeNanos);
        s.put("ctime", ctimeNanos);
        s.put("rdev", rdev);
        return s;
    }

    public static InodeAttributes fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new InodeAttributes(Wire.longOf(s, "id"), FileType.ofWire(Wire.stringOf(s, "type")),
                Wire.intOf(s, "mode"), Wire.intOf(s, "uid"), Wire.intOf(s, "gid"), Wire.longOf(s, "size"),
                Wire.intOf(s, "nlink"), Wire.longOf(s, "atime"), Wire.longOf(s, "mtime"),
                Wire.longOf(s, "ctime"), Wire.intOf(s, "rdev"));
    }
}
