package org.ringfs.fuse.fs;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The names libfuse 2.9 gives an open file that loses its name on this mount. Without hard_remove,
 * libfuse's high-level API turns the unlink of a file it has open (or a rename over it) into a
 * rename to {@code .fuse_hidden%08x%08x} (its node id and a counter) in the same directory, asks
 * for the attributes of that path when the kernel asks for the file's (fstat(2) sends no handle),
 * and unlinks it after the file's last release (lib/fuse.c: hide_node, hidden_name, fuse_do_release).
 *
 * <p>RingFS carries such a rename out as meta's unlink of the old name (the open handle's hold keeps
 * the orphan) and remembers here which inode the hidden path stands for; the hidden name never
 * reaches meta, so no listing on any mount or front shows it. Paths are the mount's, absolute.
 */
final class HiddenNames {
    static final String PREFIX = ".fuse_hidden";
    private static final Pattern NAME = Pattern.compile("\\.fuse_hidden[0-9a-f]{16}");

    /** Inode id by hidden path; changes of several entries (directory renames) hold the lock. */
    private final Map<String, Long> inodeByPath = new ConcurrentHashMap<>();

    /** Whether {@code name} (one path component) has the form of a libfuse hidden name. */
    static boolean isHiddenName(String name) {
        return name != null && name.startsWith(PREFIX) && NAME.matcher(name).matches();
    }

    /** Whether the last component of {@code path} has the form of a libfuse hidden name. */
    static boolean isHiddenPath(String path) {
        if (path == null) return false;
        return isHiddenName(path.substring(path.lastIndexOf('/') + 1));
    }

    /** The inode a hidden path of this mount stands for, if it is one. */
    OptionalLong inode(String path) {
        if (!isHiddenPath(path)) return OptionalLong.empty();
        Long id = inodeByPath.get(path);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    boolean isMapped(String path) {
        return inode(path).isPresent();
    }

    /** libfuse hid the open file {@code inode} under {@code path}. */
    synchronized void remember(String path, long inode) {
        if (!isHiddenPath(path)) throw new IllegalArgumentException("not a libfuse hidden name: " + path);
        inodeByPath.put(path, inode);
    }

    /** libfuse unlinked the hidden path (the file's last release on this mount, or unmount). */
    synchronized boolean forget(String path) {
        return path != null && inodeByPath.remove(path) != null;
    }

    /**
     * {@code from} was renamed to {@code to}: a hidden path itself (libfuse hides a hidden file again
     * when it is renamed over), or a directory, which takes the hidden paths below it along.
     */
    synchronized void renamed(String from, String to) {
        Long self = inodeByPath.remove(from);
        if (self != null) inodeByPath.put(to, self);
        String below = from + "/";
        for (String p : inodeByPath.keySet().toArray(String[]::new)) {
            if (p.startsWith(below)) inodeByPath.put(to + p.substring(from.length()), inodeByPath.remove(p));
        }
    }

    /** The directory {@code dir} went: libfuse can name nothing below it any more. */
    synchronized void removedDirectory(String dir) {
        String below = dir + "/";
        inodeByPath.keySet().removeIf(p -> p.startsWith(below));
    }

    int size() {
        return inodeByPath.size();
    }
}
