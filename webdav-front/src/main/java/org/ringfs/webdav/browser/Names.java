package org.ringfs.webdav.browser;

import org.ringfs.webdav.dav.Uploads;

import java.nio.charset.StandardCharsets;

/** Whether a name typed or uploaded in the browser may become one entry of a folder. */
public final class Names {
    /** NAME_MAX of the FUSE mount, in UTF-8 bytes. */
    static final int MAX_BYTES = 255;

    private Names() {}

    /** Null when {@code name} is acceptable; otherwise why not, for the page. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) return "the name is empty";
        if (name.equals(".") || name.equals("..")) return "'.' and '..' are not names";
        if (name.indexOf('/') >= 0) return "a name cannot contain '/'";
        if (name.indexOf('\0') >= 0) return "a name cannot contain NUL";
        if (Uploads.isUploadName(name)) return "names starting with .ringfs-upload- are reserved";
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) return "a name is at most 255 bytes";
        return null;
    }

    /** The last segment of a file name a browser sent (old browsers send the whole client path). */
    public static String baseName(String sent) {
        int cut = Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\'));
        return sent.substring(cut + 1);
    }
}
