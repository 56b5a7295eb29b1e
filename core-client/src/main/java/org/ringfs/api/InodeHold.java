package org.ringfs.api;

import java.util.Map;

/**
 * One hold a writer session put on an inode it has open, numbered by the client: a release names
 * the hold it ends, so a release still on the wire when the file opens again (and is held again
 * under a higher number) ends nothing.
 */
public record InodeHold(long inode, long hold) {

    public InodeHold {
        if (hold < 1) throw new IllegalArgumentException("hold numbers start at 1, not " + hold);
    }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("inode", inode);
        s.put("hold", hold);
        return s;
    }

    public static InodeHold fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        long inode = Wire.longOf(s, "inode");
        long hold = Wire.longOf(s, "hold");
        if (hold < 1) throw new RingFsException(ErrorCode.BAD_REQUEST, "hold numbers start at 1, not " + hold);
        return new InodeHold(inode, hold);
    }
}
