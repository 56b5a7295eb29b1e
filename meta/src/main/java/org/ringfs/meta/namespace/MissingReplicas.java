package org.ringfs.meta.namespace;

import org.ringfs.placement.Placement;

import java.util.ArrayList;
import java.util.List;

/** Which servers placement says should hold a block and did not acknowledge its write. */
final class MissingReplicas {
    private MissingReplicas() {}

    static List<String> of(List<String> ring, long inode, long index, List<String> acknowledged) {
        // A ring smaller than three cannot place three copies: every server of it should hold one.
        List<String> targets = ring.size() >= Placement.COPIES ? new Placement(ring).targets(inode, index) : ring;
        List<String> missing = new ArrayList<>();
        for (String t : targets) if (!acknowledged.contains(t)) missing.add(t);
        return missing;
    }
}
