package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StorableText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Path normalisation before anything reaches meta: meta takes only absolute paths without empty,
 * '.' or '..' segments. '.' and '..' are resolved lexically; a '..' above the root is refused.
 * A path that not every wire carries unchanged is refused too ({@link StorableText}).
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
        StorableText.check(path);
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

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
