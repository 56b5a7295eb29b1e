package org.ringfs.e2e.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every figure of one bench invocation, by name, in the order first measured. */
final class Figures {
    static final String MB_S = "MB/s";
    static final String PER_S = "/s";
    static final String MS = "ms";
    static final String S = "s";
    static final String MIB = "MiB";

    private final Map<String, Samples> byName = new LinkedHashMap<>();

    void add(String name, String unit, double value) {
        byName.computeIfAbsent(name, n -> new Samples(n, unit)).add(value);
    }

    /** The figure, or null when it was not measured (a skipped path). */
    Samples get(String name) { return byName.get(name); }

    Collection<Samples> all() { return byName.values(); }
}
