package org.ringfs.webdav.lock;

import java.util.Locale;

/** The Timeout header of a LOCK (RFC 4918 10.7): the first value RingFS can honour, within bounds. */
public final class LockTimeouts {
    /** What a LOCK without a Timeout header gets. */
    public static final long DEFAULT_SECONDS = 3600;
    /** The longest lock RingFS grants, "Infinite" included: a crashed client's lock must lapse. */
    public static final long MAX_SECONDS = 7 * 24 * 3600;

    private LockTimeouts() {}

    public static long seconds(String header) {
        if (header == null) return DEFAULT_SECONDS;
        for (String value : header.split(",")) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("infinite")) return MAX_SECONDS;
            if (v.startsWith("second-")) {
                try {
                    long s = Long.parseLong(v.substring("second-".length()));
                    if (s > 0) return Math.min(s, MAX_SECONDS);
                } catch (NumberFormatException e) {
                    // an unreadable value: RFC 4918 lets the server pick, so try the next one
                }
            }
        }
        return DEFAULT_SECONDS;
    }
}
