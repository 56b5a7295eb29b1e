package org.ringfs.repair;

import org.ringfs.api.RingFsException;

import java.util.HashSet;
import java.util.Set;

/** The servers an fsck pass could not reach: each reported once, and not blamed for missing copies. */
final class UnreachableServers {
    private final Set<String> servers = new HashSet<>();
    private final FsckReport.Builder report;

    UnreachableServers(FsckReport.Builder report) {
        this.report = report;
    }

    void add(String server, RingFsException why) {
        if (servers.add(server)) report.find(new FsckFinding(FindingType.UNREACHABLE, null, server, why.getMessage()));
    }

    boolean contains(String server) { return servers.contains(server); }
}
