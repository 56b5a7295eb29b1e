package org.ringfs.api;

import java.util.List;
import java.util.Map;

/**
 * Meta's delete orders for one data server: the freed records after the sequence the server asked
 * from, in order. {@code done} says there are no more now. A server applies them only while it
 * trusts this meta to speak for its cluster, and only when {@code term} (the term of the meta master
 * that answered) is not older than the newest term it has seen.
 */
public record FreedPage(List<FreedRecord> records, boolean done, long term) {

    public FreedPage {
        records = List.copyOf(records);
    }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("records", Wire.array(records, FreedRecord::toWire));
        s.put("done", done);
        s.put("term", term);
        return s;
    }

    public static FreedPage fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new FreedPage(Wire.listOf(s.get("records"), FreedRecord::fromWire), Wire.boolOf(s, "done"),
                Wire.longOf(s, "term"));
    }
}
