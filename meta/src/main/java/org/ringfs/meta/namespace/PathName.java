package org.ringfs.meta.namespace;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StorableText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An absolute path checked for the lexical rules before anything is looked up: starts with '/', no
 * empty, "." or ".." segment (INVALID), no NUL, each name at most NAME_MAX bytes of UTF-8 and the
 * whole at most MAX_PATH_BYTES, well past PATH_MAX (NAME_TOO_LONG). "/" is the root, the path with no names.
 */
public final class PathName {
    private final String text;
    private final List<String> names;

    private PathName(String text, List<String> names) {
        this.text = text;
        this.names = names;
    }

    public static PathName parse(String path) throws RingFsException {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            throw new RingFsException(ErrorCode.INVALID, "not an absolute path: '" + path + "'");
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MetaMethods.MAX_PATH_BYTES) {
            throw new RingFsException(ErrorCode.NAME_TOO_LONG, "path longer than " + MetaMethods.MAX_PATH_BYTES + " bytes");
        }
        if (path.equals("/")) return new PathName(path, List.of());
        List<String> names = new ArrayList<>();
        for (String name : path.substring(1).split("/", -1)) {
            checkName(name, path);
            names.add(name);
        }
        return new PathName(path, List.copyOf(names));
    }

    /** Checks one directory entry name. */
    static void checkName(String name, String path) throws RingFsException {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new RingFsException(ErrorCode.INVALID, "bad name '" + name + "' in path '" + path + "'");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MetaMethods.NAME_MAX) {
            throw new RingFsException(ErrorCode.NAME_TOO_LONG, "name longer than " + MetaMethods.NAME_MAX + " bytes in '" + path + "'");
        }
    }

    public boolean isRoot() { return names.isEmpty(); }

    /** The names from the root down, the last one being this path's own name. */
    public List<String> names() { return names; }

    /** The last name; only for a path that is not the root. */
    public String name() { return names.get(names.size() - 1); }

    /**
     * For a path whose last name is to be made: INVALID unless every wire carries that name unchanged
     * (the binary wire brings what the client would refuse, such as a carriage return). Names
     * already stored are looked up and removed as they are.
     */
    public void checkNewName() throws RingFsException {
        StorableText.check(name());
    }

    /** The names of the parent directory's path. */
    public List<String> parentNames() { return names.subList(0, names.size() - 1); }

    /** Whether this path lies strictly below {@code ancestor}. */
    public boolean isStrictlyUnder(PathName ancestor) {
        return names.size() > ancestor.names.size() && names.subList(0, ancestor.names.size()).equals(ancestor.names);
    }

    @Override
    public String toString() { return text; }
}
