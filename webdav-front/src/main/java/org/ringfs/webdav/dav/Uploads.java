package org.ringfs.webdav.dav;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.client.RingFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Stores a request body as a file so that nobody ever sees half of it: the bytes stream into a
 * hidden sibling, which is renamed over the target only when every byte is committed. A client
 * that hangs up, or a write that fails, leaves the old file (or no file) and removes the sibling.
 * A replaced file's mode and extended attributes (dead properties) carry over to the new inode.
 */
public final class Uploads {
    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    /** Names with this prefix are uploads in flight: hidden from listings and lookups. */
    static final String PREFIX = ".ringfs-upload-";
    private static final int BUFFER = 256 * 1024;

    private Uploads() {}

    public static boolean isUploadName(String name) {
        return name.startsWith(PREFIX);
    }

    /**
     * Streams {@code body} into {@code target}; {@code replaced} is the file it replaces, or null.
     * The new file belongs to {@code uid}/{@code gid}. Returns the new file's attributes.
     */
    public static InodeAttributes store(RingFileSystem fs, DavPath target, InputStream body, InodeAttributes replaced,
                                        int uid, int gid) throws IOException {
        DavPath temp = target.parent().child(PREFIX + UUID.randomUUID());
        boolean renamed = false;
        try {
            try (OutputStream out = fs.openOutput(temp.value(), false, uid, gid)) {
                copy(body, out);
            }
            if (replaced != null) carryOver(fs, replaced, target, temp);
            fs.rename(temp.value(), target.value());
            renamed = true;
            return fs.stat(target.value());
        } finally {
            if (!renamed) discard(fs, temp);
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
    }

    private static void carryOver(RingFileSystem fs, InodeAttributes replaced, DavPath from, DavPath to) throws RingFsException {
        fs.setAttributes(to.value(), SetAttributes.mode(replaced.mode()));
        for (String name : fs.listXattrs(from.value())) {
            fs.setXattr(to.value(), name, fs.getXattr(from.value(), name), 0);
        }
    }

    /** Best effort: the upload already failed; a sibling left behind is hidden and only costs space. */
    private static void discard(RingFileSystem fs, DavPath temp) {
        try {
            fs.unlink(temp.value());
        } catch (RingFsException e) {
            if (e.code() != ErrorCode.NOT_FOUND) log.warn("could not remove the failed upload {}: {}", temp, e.toString());
        }
    }
}
