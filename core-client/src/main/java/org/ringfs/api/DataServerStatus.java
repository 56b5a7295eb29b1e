package org.ringfs.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GET /status} of a data server says, as {@code key=value} lines: its vitals, and what
 * only the server itself knows.
 *
 * @param clusterRefusal why the server refuses its meta (another cluster), one line; "" when it does not
 */
public record DataServerStatus(String name, ServerVitals vitals, boolean faultInjection, String clusterRefusal) {

    public DataServerStatus {
        clusterRefusal = clusterRefusal.replace('\n', ' ').replace('\r', ' ').strip();
    }

    public String toText() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        vitals.putInto(m);
        m.put("faultInjection", faultInjection);
        m.put("clusterRefusal", clusterRefusal);
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    public static DataServerStatus parse(String text) throws RingFsException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return new DataServerStatus(m.getOrDefault("name", "?"), ServerVitals.fromText(m),
                Boolean.parseBoolean(m.get("faultInjection")), m.getOrDefault("clusterRefusal", ""));
    }
}
