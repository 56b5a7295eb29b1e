package org.ringfs.cli.files;

import org.ringfs.api.InodeAttributes;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.client.RingFileSystem;

/** Paths as users type them on the command line: relative ones start at the root. */
final class RemotePath {
    private RemotePath() {}

    static String absolute(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    /** The last name of a path, "" for the root. */
    static String baseName(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** The attributes at {@code path}, or null when nothing is there. */
    static InodeAttributes statOrNull(RingFileSystem fs, String path) throws RingFsException {
        try {
            return fs.stat(path);
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.NOT_FOUND) return null;
            throw e;
        }
    }

    /** As cp and mv do: a target that is a directory means "into it, under the source's name". */
    static String intoIfDirectory(RingFileSystem fs, String target, String sourceName) throws RingFsException {
        InodeAttributes a = statOrNull(fs, target);
        return a != null && a.isDirectory() && !sourceName.isEmpty() ? child(target, sourceName) : target;
    }
}
