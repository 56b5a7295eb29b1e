package org.ringfs.cli.files;

import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Attributes as ls -l and stat print them. */
final class AttributeFormat {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter PRECISE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z").withZone(ZoneId.systemDefault());

    private AttributeFormat() {}

    /** {@code drwxr-xr-x  2  1000  1000  4096 2025-01-01 12:00:00 name}. */
    static String longLine(InodeAttributes a, String name) {
        return String.format("%s %3d %5d %5d %12d %s %s", modeString(a), a.nlink(), a.uid(), a.gid(), a.size(),
                TIME.format(instant(a.mtimeNanos())), name);
    }

    static String time(long nanos) {
        return PRECISE.format(instant(nanos));
    }

    /** The ten characters of ls -l: the type letter, then rwx for owner, group, others, with s/t bits. */
    static String modeString(InodeAttributes a) {
        int m = a.mode();
        StringBuilder b = new StringBuilder(10).append(typeLetter(a.type()));
        b.append(triple(m >> 6, (m & 04000) != 0, 's'));
        b.append(triple(m >> 3, (m & 02000) != 0, 's'));
        b.append(triple(m, (m & 01000) != 0, 't'));
        return b.toString();
    }

    private static String triple(int bits, boolean special, char specialLetter) {
        char x = (bits & 1) != 0 ? (special ? specialLetter : 'x') : (special ? Character.toUpperCase(specialLetter) : '-');
        return "" + ((bits & 4) != 0 ? 'r' : '-') + ((bits & 2) != 0 ? 'w' : '-') + x;
    }

    private static char typeLetter(FileType t) {
        return switch (t) {
            case FILE -> '-';
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case FIFO -> 'p';
            case SOCKET -> 's';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
        };
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
