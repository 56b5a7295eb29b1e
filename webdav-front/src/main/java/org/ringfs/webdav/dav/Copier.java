package org.ringfs.webdav.dav;

import io.milton.http.HttpManager;
import io.milton.http.Request;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.client.RingFileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * COPY: bytes stream from the source to a fresh file (never through memory whole), dead
 * properties (xattrs) come along, locks do not (RFC 4918 7.6). A collection is copied with its
 * members unless the request says Depth: 0.
 */
final class Copier {

    private Copier() {}

    static void copy(RingFileSystem fs, RingResource source, DavPath target) throws RingFsException {
        Request request = HttpManager.request();
        boolean shallow = request != null && request.getDepthHeader() == 0;
        copy(fs, source.path(), source.attributes(), target, !shallow);
    }

    private static void copy(RingFileSystem fs, DavPath from, InodeAttributes a, DavPath to, boolean members)
            throws RingFsException {
        if (a.type() == FileType.DIRECTORY) {
            fs.mkdir(to.value(), a.mode(), a.uid(), a.gid());
            copyXattrs(fs, from, to);
            if (!members) return;
            for (DirectoryEntry e : fs.list(from.value())) {
                if (Uploads.isUploadName(e.name())) continue;
                FileType t = e.attributes().type();
                if (t == FileType.DIRECTORY || t == FileType.FILE) {
                    copy(fs, from.child(e.name()), e.attributes(), to.child(e.name()), true);
                }
            }
        } else {
            try (InputStream in = fs.openInput(from.value())) {
                Uploads.store(fs, to, in, null, a.uid(), a.gid());
            } catch (RingFsException e) {
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            copyXattrs(fs, from, to);
        }
    }

    private static void copyXattrs(RingFileSystem fs, DavPath from, DavPath to) throws RingFsException {
        for (String name : fs.listXattrs(from.value())) {
            fs.setXattr(to.value(), name, fs.getXattr(from.value(), name), 0);
        }
    }
}
