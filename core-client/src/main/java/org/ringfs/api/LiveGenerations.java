package org.ringfs.api;

import java.util.List;
import java.util.Map;

/**
 * Meta's positive record of which block generations may still be committed: every generation
 * below {@code nextGeneration} was handed to some writer session, and only those in {@code live}
 * belong to a session that is still alive. A generation below the next one and in no live range
 * belongs to a session that ended: unless meta committed it, its copies are garbage, and meta will
 * refuse to commit it ever. A generation at or above {@code nextGeneration} is one meta never
 * handed out: meta's store is older than the copy, and nothing can be said about it. {@code term} is the term of the meta master that
 * answered: a data server deletes nothing on the word of a term older than the newest it has seen.
 */
public record LiveGenerations(long nextGeneration, List<GenerationRange> live, long term) {

    public LiveGenerations {
        live = List.copyOf(live);
    }

    /** Handed out, and its session ended: an uncommitted copy of it may be deleted. */
    public boolean isDead(long generation) {
        if (generation >= nextGeneration) return false;
        for (GenerationRange r : live) if (r.contains(generation)) return false;
        return true;
    }

    /** Never handed out by this meta: its store is behind the data servers. */
    public boolean isUnknown(long generation) { return generation >= nextGeneration; }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("next", nextGeneration);
        s.put("live", Wire.array(live, GenerationRange::toWire));
        s.put("term", term);
        return s;
    }

    public static LiveGenerations fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new LiveGenerations(Wire.longOf(s, "next"), Wire.listOf(s.get("live"), GenerationRange::fromWire),
                Wire.longOf(s, "term"));
    }
}
