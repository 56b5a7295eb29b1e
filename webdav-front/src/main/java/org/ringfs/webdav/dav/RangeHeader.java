package org.ringfs.webdav.dav;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP Range header (RFC 9110 14.1.2) resolved against a file of {@code size} bytes: first-last,
 * first- (to the end) and -suffix (the last bytes) specs, each clipped to the file.
 */
public final class RangeHeader {
    /** More specs than this are answered with the whole file (RFC 9110 14.2 lets a server ignore Range). */
    static final int MAX_RANGES = 16;

    /** Bytes [first, last] of the file, both inclusive as in Content-Range. */
    public record Span(long first, long last) {
        public long length() { return last - first + 1; }
    }

    private RangeHeader() {}

    /**
     * The spans to send, in the order asked; an empty list when none is satisfiable (416); null when
     * the header is to be ignored and the whole file sent (absent, another unit, malformed, more than
     * {@link #MAX_RANGES} specs, or satisfiable spans that overlap: a client gains nothing from those
     * and a hostile one could multiply the bytes sent).
     */
    public static List<Span> parse(String header, long size) {
        if (header == null) return null;
        String h = header.trim();
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) return null;
        String[] specs = h.substring(eq + 1).split(",", -1);
        List<Span> spans = new ArrayList<>();
        int count = 0;
        for (String raw : specs) {
            String spec = raw.trim();
            if (spec.isEmpty()) continue; // empty list elements are allowed (RFC 9110 5.6.1)
            if (++count > MAX_RANGES) return null;
            int dash = spec.indexOf('-');
            if (dash < 0) return null;
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) { // -suffix: the last b bytes
                long suffix = digits(b);
                if (suffix < 0) return null;
                if (suffix > 0 && size > 0) spans.add(new Span(Math.max(0, size - suffix), size - 1));
                continue;
            }
            long first = digits(a);
            if (first < 0) return null;
            long last;
            if (b.isEmpty()) {
                last = Long.MAX_VALUE;
            } else {
                last = digits(b);
                if (last < 0 || last < first) return null;
            }
            if (first < size) spans.add(new Span(first, Math.min(last, size - 1)));
        }
        if (count == 0) return null;
        if (spans.size() > 1) {
            List<Span> sorted = new ArrayList<>(spans);
            sorted.sort(Comparator.comparingLong(Span::first));
            for (int i = 1; i < sorted.size(); i++) if (sorted.get(i).first() <= sorted.get(i - 1).last()) return null;
        }
        return spans;
    }

    /** A run of ASCII digits, saturating at Long.MAX_VALUE; -1 when empty or not all digits. */
    private static long digits(String s) {
        if (s.isEmpty()) return -1;
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v > (Long.MAX_VALUE - (c - '0')) / 10 ? Long.MAX_VALUE : v * 10 + (c - '0');
        }
        return v;
    }
}
