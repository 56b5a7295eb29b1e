package org.ringfs.api;

import java.util.Map;

/**
 * Capacity as statfs(2) and WebDAV quota want it. Bytes are usable bytes: the data servers' sum
 * divided by the three copies every block takes.
 */
public record StatFs(int blockSize, long totalBytes, long freeBytes, long files) {

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("blockSize", blockSize);
        s.put("total", totalBytes);
        s.put("free", freeBytes);
        s.put("files", files);
        return s;
    }

    public static StatFs fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new StatFs(Wire.intOf(s, "blockSize"), Wire.longOf(s, "total"), Wire.longOf(s, "free"),
                Wire.longOf(s, "files"));
    }
}
