package org.ringfs.api;

import java.util.Map;

/**
 * One member of the meta group as the member answering {@code metaMembers} sees it: its node name,
 * the address clients call it at (empty when it is down and never told), its replication address,
 * its role, and how far its log is behind the master's ({@code lag}, in log entries; -1 unknown).
 * {@code term} is the master's term the member last knew (-1 unknown). A single meta is one member,
 * master of term 0.
 */
public record MetaMember(String name, String callAddress, String replicationAddress, Role role, long lag, long term) {

    public enum Role { MASTER, REPLICA, UNKNOWN }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("name", name);
        s.put("callAddress", callAddress);
        s.put("replicationAddress", replicationAddress);
        s.put("role", role.name());
        s.put("lag", lag);
        s.put("term", term);
        return s;
    }

    public static MetaMember fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        Role role;
        try {
            role = Role.valueOf(Wire.stringOf(s, "role"));
        } catch (IllegalArgumentException e) {
            role = Role.UNKNOWN;
        }
        return new MetaMember(Wire.stringOf(s, "name"), Wire.stringOf(s, "callAddress"),
                Wire.stringOf(s, "replicationAddress"), role, Wire.longOf(s, "lag"), Wire.longOf(s, "term"));
    }
}
