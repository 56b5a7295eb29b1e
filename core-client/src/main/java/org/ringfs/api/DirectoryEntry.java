package org.ringfs.api;

import java.util.Map;

/** One name in a directory listing, with the attributes of the inode it names. */
public record DirectoryEntry(String name, InodeAttributes attributes) {

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("name", name);
        s.put("attributes", attributes.toWire());
        return s;
    }

    public static DirectoryEntry fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new DirectoryEntry(Wire.stringOf(s, "name"), InodeAttributes.fromWire(s.get("attributes")));
    }
}
