package org.ringfs.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GET /status} of a data server says, as {@code key=value} lines.
 *
 * @param clusterRefusal why the server refuses its meta (another cluster), one line; "" when it does not
 */
public record DataServerStatus(String name, long blocks, long bytes, long capacityBytes, long freeBytes,
                               boolean rebuilding, long rebuildDone, long rebuildTotal, long corruptBlocks,
                               boolean faultInjection, String clusterRefusal) {

    public DataServerStatus {
        clusterRefusal = clusterRefusal.replace('\n', ' ').replace('\r', ' ').strip();
    }

    public String toText() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("blocks", blocks);
        m.put("bytes", bytes);
        m.put("capacity", capacityBytes);
        m.put("free", freeBytes);
        m.put("rebuilding", rebuilding);
        m.put("rebuildDone", rebuildDone);
        m.put("rebuildTotal", rebuildTotal);
        m.put("corrupt", corruptBlocks);
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
        try {
            return new DataServerStatus(m.getOrDefault("name", "?"), Long.parseLong(m.get("blocks")),
                    Long.parseLong(m.get("bytes")), Long.parseLong(m.get("capacity")), Long.parseLong(m.get("free")),
                    Boolean.parseBoolean(m.get("rebuilding")), Long.parseLong(m.get("rebuildDone")),
                    Long.parseLong(m.get("rebuildTotal")), Long.parseLong(m.get("corrupt")),
                    Boolean.parseBoolean(m.get("faultInjection")), m.getOrDefault("clusterRefusal", ""));
        } catch (RuntimeException e) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "bad status text: " + e.getMessage());
        }
    }
}
