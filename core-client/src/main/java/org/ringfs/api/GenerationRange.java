package org.ringfs.api;

import java.util.Map;

/** Block generations [first, end) that meta handed to one writer session in one allocation. */
public record GenerationRange(long first, long end) {

    public GenerationRange {
        if (first < 1 || end < first) throw new IllegalArgumentException("bad generation range [" + first + ", " + end + ")");
    }

    public boolean contains(long generation) { return generation >= first && generation < end; }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("first", first);
        s.put("end", end);
        return s;
    }

    public static GenerationRange fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        long first = Wire.longOf(s, "first");
        long end = Wire.longOf(s, "end");
        if (first < 1 || end < first) throw new RingFsException(ErrorCode.BAD_REQUEST, "bad generation range [" + first + ", " + end + ")");
        return new GenerationRange(first, end);
    }
}
