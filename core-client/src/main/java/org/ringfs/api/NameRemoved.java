package org.ringfs.api;

import java.util.Map;

/**
 * What removing a name (an unlink or rmdir) did at meta: the parent directory as it is after it
 * (its mtime and ctime moved; an rmdir also took one from its nlink), so a client caching the parent
 * need not ask again, and the blocks freed with an inode's last name ({@link FreedBlocks#NONE} when
 * none were).
 */
public record NameRemoved(InodeAttributes parent, FreedBlocks freed) {
    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("parent", parent.toWire());
        s.put("freed", freed.toWire());
        return s;
    }

    public static NameRemoved fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new NameRemoved(InodeAttributes.fromWire(s.get("parent")), FreedBlocks.fromWire(s.get("freed")));
    }
}
