package org.ringfs.webdav.browser;

import java.util.Locale;

/** Byte counts as people read them: 0 B, 999 B, 1.5 KiB, 12 MiB, 3.1 TiB (binary units). */
public final class HumanSize {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private HumanSize() {}

    public static String of(long bytes) {
        if (bytes < 1024) return bytes + " B";
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v)) + " " + UNITS[unit];
    }
}
