package org.ringfs.repair;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one fsck pass found: copies verified good, a count per {@link FindingType}, the findings
 * themselves (the first {@link #MAX_FINDINGS}), how many copies a repairing pass rewrote or
 * deleted, and how many blocks changed while the pass ran (their file removed, truncated or
 * rewritten after meta's row was read), whose copies it did not judge: what it saw of them is no
 * fault and not repaired.
 */
public record FsckReport(long blocks, long ok, Map<FindingType, Long> counts, List<FsckFinding> findings,
                         long repaired, long changed) {
    public static final int MAX_FINDINGS = 10_000;

    public FsckReport {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts));
        findings = List.copyOf(findings);
    }

    public long count(FindingType type) {
        return counts.getOrDefault(type, 0L);
    }

    /**
     * True when every copy was good and every server answered. Pending copies (writes of a live
     * session, not committed yet) and freed ones (awaiting their server's sweep) are reported but
     * are no fault.
     */
    public boolean clean() {
        for (FindingType t : FindingType.values()) {
            if (t != FindingType.PENDING && t != FindingType.FREED && count(t) != 0) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("fsck: " + blocks + " blocks, " + ok + " good copies");
        for (FindingType t : FindingType.values()) if (count(t) > 0) b.append(", ").append(count(t)).append(' ').append(t);
        if (repaired > 0) b.append(", ").append(repaired).append(" repaired");
        if (changed > 0) b.append(", ").append(changed).append(" changed during the check");
        return b.toString();
    }

    /** Collects a report as fsck walks. */
    static final class Builder {
        private long blocks;
        private long ok;
        private long repaired;
        private long changed;
        private final Map<FindingType, Long> counts = new EnumMap<>(FindingType.class);
        private final List<FsckFinding> findings = new ArrayList<>();

        void block() { blocks++; }

        void ok() { ok++; }

        void repaired() { repaired++; }

        void changed() { changed++; }

        void find(FsckFinding finding) {
            counts.merge(finding.type(), 1L, Long::sum);
            if (findings.size() < MAX_FINDINGS) findings.add(finding);
        }

        FsckReport build() {
            return new FsckReport(blocks, ok, counts, findings, repaired, changed);
        }
    }
}
