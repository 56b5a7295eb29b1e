package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.RingFsException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Path normalisation before anything reaches meta: meta takes only absolute paths without empty,
 * '.' or '..' segments. '.' and '..' are resolved lexically; a '..' above the root is refused.
 * A path that is not valid Unicode is refused too: the fronts decode invalid UTF-8 to U+FFFD and
 * a lone surrogate encodes as '?', so without the check two different names would be one file.
 * So is a path XML-RPC cannot carry as it is: XML has no C0 controls but tab and newline, and its
 * parser turns a carriage return into a newline ("a\rb" would be stored as "a\nb").
 */
public final class PathNames {
    /** Longest name, in bytes of UTF-8 (NAME_MAX). */
    public static final int MAX_NAME_BYTES = 255;
    /** Longest path, in bytes of UTF-8: meta's bound, well past PATH_MAX (see {@link MetaMethods#MAX_PATH_BYTES}). */
    public static final int MAX_PATH_BYTES = MetaMethods.MAX_PATH_BYTES;

    private PathNames() {}

    /** "/a//b/./c/../" becomes "/a/b"; INVALID for relative paths and escapes, NAME_TOO_LONG as POSIX says. */
    public static String normalise(String path) throws RingFsException {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            throw new RingFsException(ErrorCode.INVALID, "not an absolute path: '" + path + "'");
        }
        if (path.indexOf('\0') >= 0) throw new RingFsException(ErrorCode.INVALID, "a path holds a NUL byte");
        checkStorable(path);
        if (utf8Length(path) > MAX_PATH_BYTES) {
            throw new RingFsException(ErrorCode.NAME_TOO_LONG, "path longer than " + MAX_PATH_BYTES + " bytes");
        }
        Deque<String> names = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (utf8Length(segment) > MAX_NAME_BYTES) {
                throw new RingFsException(ErrorCode.NAME_TOO_LONG, "name longer than " + MAX_NAME_BYTES + " bytes in '"
                        + path + "'");
            }
            if (segment.equals("..")) {
                if (names.isEmpty()) throw new RingFsException(ErrorCode.INVALID, "'" + path + "' climbs above the root");
                names.removeLast();
            } else {
                names.addLast(segment);
            }
        }
        if (names.isEmpty()) return "/";
        StringBuilder b = new StringBuilder(path.length());
        for (String name : names) b.append('/').append(name);
        return b.toString();
    }

    /** The path of {@code name} inside the normalised directory {@code directory}. */
    public static String child(String directory, String name) {
        return directory.equals("/") ? "/" + name : directory + "/" + name;
    }

    /** The directory holding a normalised path; null for the root. */
    public static String parent(String path) {
        if (path.equals("/")) return null;
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /**
     * INVALID unless {@code text} (a path, a symlink target) survives the wire unchanged: valid
     * Unicode without U+FFFD, and no character XML 1.0 lacks or rewrites (C0 controls but tab and
     * newline, U+FFFE, U+FFFF).
     */
    public static void checkStorable(String text) throws RingFsException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                i++;
            } else if (c == '\uFFFD' || Character.isSurrogate(c)) {
                throw new RingFsException(ErrorCode.INVALID, "invalid UTF-8 (or U+FFFD, which stands for it) in a name");
            } else if ((c < 0x20 && c != '\t' && c != '\n') || c == '\uFFFE' || c == '\uFFFF') {
                throw new RingFsException(ErrorCode.INVALID, String.format(
                        "a name holds U+%04X, which RingFS cannot store (control characters but tab and newline)", (int) c));
            }
        }
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
