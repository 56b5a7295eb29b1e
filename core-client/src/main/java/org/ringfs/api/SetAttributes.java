package org.ringfs.api;

import java.util.Map;

/**
 * A chmod, chown or utimens: each field null when unchanged. {@code mode} is the permission bits
 * (07777). Meta moves ctime on any change but a read's access time ({@code accessed}: a mount's
 * atime policy, not a utimens). Size changes go through truncate, which touches blocks.
 */
public record SetAttributes(Integer mode, Integer uid, Integer gid, Long atimeNanos, Long mtimeNanos,
                            boolean accessed) {

    public SetAttributes(Integer mode, Integer uid, Integer gid, Long atimeNanos, Long mtimeNanos) {
        this(mode, uid, gid, atimeNanos, mtimeNanos, false);
    }

    /** A read moved the access time: only atime changes, ctime stays (POSIX). */
    public static SetAttributes accessedAt(long atimeNanos) {
        return new SetAttributes(null, null, null, atimeNanos, null, true);
    }

    public static SetAttributes mode(int mode) { return new SetAttributes(mode, null, null, null, null); }

    public static SetAttributes owner(Integer uid, Integer gid) { return new SetAttributes(null, uid, gid, null, null); }

    public static SetAttributes times(Long atimeNanos, Long mtimeNanos) {
        return new SetAttributes(null, null, null, atimeNanos, mtimeNanos);
    }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        if (mode != null) s.put("mode", mode);
        if (uid != null) s.put("uid", uid);
        if (gid != null) s.put("gid", gid);
        if (atimeNanos != null) s.put("atime", atimeNanos);
        if (mtimeNanos != null) s.put("mtime", mtimeNanos);
        if (accessed) s.put("accessed", true);
        return s;
    }

    public static SetAttributes fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new SetAttributes(Wire.optionalInt(s, "mode"), Wire.optionalInt(s, "uid"), Wire.optionalInt(s, "gid"),
                Wire.optionalLong(s, "atime"), Wire.optionalLong(s, "mtime"), Boolean.TRUE.equals(s.get("accessed")));
    }
}
