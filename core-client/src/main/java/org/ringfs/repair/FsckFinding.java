package org.ringfs.repair;

import org.ringfs.api.BlockKey;

/**
 * One thing fsck found: its type, the copy's key (the current generation's for MISSING and STALE;
 * null for UNREACHABLE), the server concerned, and a line of detail.
 */
public record FsckFinding(FindingType type, BlockKey key, String server, String detail) {

    @Override
    public String toString() {
        return type + " " + (key == null ? "-" : key.path()) + " on " + server + (detail.isEmpty() ? "" : ": " + detail);
    }
}
