package org.ringfs.api;

import java.util.Map;

/**
 * What a data server tells meta every few seconds. The first heartbeat of an unknown name adds
 * the server to the end of the ring.
 *
 * @param clusterId     the cluster the server recorded (DIR/cluster-id), "" while it has none:
 *                      meta refuses a server of another cluster
 * @param maxGeneration the highest generation of any copy the server stores, 0 when it is empty
 * @param maxInode      the highest inode id of any copy the server stores, 0 when it is empty; with
 *                      maxGeneration, meta tells whether its store is older than the data
 */
public record Heartbeat(String name, String address, ServerVitals vitals, String clusterId, long maxGeneration,
                        long maxInode) {

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("name", name);
        s.put("address", address);
        vitals.putInto(s);
        s.put("clusterId", clusterId);
        s.put("maxGeneration", maxGeneration);
        s.put("maxInode", maxInode);
        return s;
    }

    public static Heartbeat fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new Heartbeat(Wire.stringOf(s, "name"), Wire.stringOf(s, "address"), ServerVitals.fromWire(s),
                Wire.stringOf(s, "clusterId"), Wire.longOf(s, "maxGeneration"), Wire.longOf(s, "maxInode"));
    }
}
