package org.ringfs.api;

import java.util.Map;

/**
 * A data server's figures, one record wherever they travel: in its heartbeat to meta
 * ({@link Heartbeat}), in meta's cluster map ({@link ServerInfo}) and in its own {@code GET /status}
 * ({@link DataServerStatus}), under the same names on every wire.
 *
 * @param freeBytes     what the server still accepts blocks into, its reserve not counted
 * @param corruptBlocks copies its scrubber found bad since it started
 */
public record ServerVitals(long capacityBytes, long freeBytes, long blocks, long bytes,
                           boolean rebuilding, long rebuildDone, long rebuildTotal, long corruptBlocks) {

    /** The figures of a server meta has not heard from. */
    public static final ServerVitals NONE = new ServerVitals(0, 0, 0, 0, false, 0, 0, 0);

    /** Adds the figures to a struct, or to a status text's lines, under their wire names. */
    public void putInto(Map<String, Object> s) {
        s.put("capacity", capacityBytes);
        s.put("free", freeBytes);
        s.put("blocks", blocks);
        s.put("bytes", bytes);
        s.put("rebuilding", rebuilding);
        s.put("rebuildDone", rebuildDone);
        s.put("rebuildTotal", rebuildTotal);
        s.put("corrupt", corruptBlocks);
    }

    /** The figures of a struct that carries them ({@link #putInto}); BAD_REQUEST when one is missing or mistyped. */
    public static ServerVitals fromWire(Map<String, Object> s) throws RingFsException {
        return new ServerVitals(Wire.longOf(s, "capacity"), Wire.longOf(s, "free"), Wire.longOf(s, "blocks"),
                Wire.longOf(s, "bytes"), Wire.boolOf(s, "rebuilding"), Wire.longOf(s, "rebuildDone"),
                Wire.longOf(s, "rebuildTotal"), Wire.longOf(s, "corrupt"));
    }

    /** The figures of a status text's {@code key=value} lines; BAD_REQUEST when one is missing or not a number. */
    public static ServerVitals fromText(Map<String, String> lines) throws RingFsException {
        try {
            return new ServerVitals(Long.parseLong(lines.get("capacity")), Long.parseLong(lines.get("free")),
                    Long.parseLong(lines.get("blocks")), Long.parseLong(lines.get("bytes")),
                    Boolean.parseBoolean(lines.get("rebuilding")), Long.parseLong(lines.get("rebuildDone")),
                    Long.parseLong(lines.get("rebuildTotal")), Long.parseLong(lines.get("corrupt")));
        } catch (NumberFormatException e) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "bad status text: " + e.getMessage());
        }
    }
}
