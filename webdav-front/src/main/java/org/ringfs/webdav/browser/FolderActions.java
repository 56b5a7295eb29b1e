package org.ringfs.webdav.browser;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.webdav.dav.DavContext;
import org.ringfs.webdav.dav.DavPath;
import org.ringfs.webdav.dav.Uploads;

import java.io.IOException;
import java.io.InputStream;

/**
 * What the page's forms do to a folder, with the drive's own rules: uploads go through
 * {@link Uploads} (streamed into a hidden sibling, renamed over the target when complete), names
 * are checked ({@link Names}), nothing is silently overwritten (an upload replaces a file only when
 * asked; a rename never replaces), and a resource under a WebDAV lock is refused 423, since a
 * browser cannot submit lock tokens. Failures are {@link Refusal}s.
 */
public final class FolderActions {
    private final DavContext context;

    public FolderActions(DavContext context) {
        this.context = context;
    }

    public void mkdir(DavPath folder, InodeAttributes folderAttributes, String name) {
        DavPath child = checked(folder, name);
        refuseLocked(child, false);
        refuseLocked(folder, false);
        try {
            context.fs().mkdir(child.value(), 0755, folderAttributes.uid(), folderAttributes.gid());
        } catch (RingFsException e) {
            throw refusal(e, name);
        }
    }

    public void rename(DavPath folder, String name, String to) {
        DavPath from = checked(folder, name);
        DavPath target = checked(folder, to);
        if (from.equals(target)) return;
        if (stat(from) == null) throw new Refusal(404, "\u201c" + name + "\u201d is not there any more");
        if (stat(target) != null) throw new Refusal(409, "\u201c" + to + "\u201d already exists: delete or rename it first");
        refuseLocked(from, true);
        refuseLocked(target, false);
        refuseLocked(folder, false);
        try {
            context.fs().rename(from.value(), target.value());
        } catch (RingFsException e) {
            throw refusal(e, name);
        }
        context.locks().releaseTree(from);
    }

    public void delete(DavPath folder, String name) {
        DavPath target = checked(folder, name);
        InodeAttributes a = stat(target);
        if (a == null) throw new Refusal(404, "\u201c" + name + "\u201d is not there any more");
        refuseLocked(target, true);
        refuseLocked(folder, false);
        try {
            if (a.type() == FileType.DIRECTORY) {
                context.fs().removeTree(target.value());
            } else {
                context.fs().unlink(target.value());
            }
        } catch (RingFsException e) {
            throw refusal(e, name);
        }
        context.locks().releaseTree(target);
    }

    /** Streams {@code body} into folder/name; replaces an existing file only when {@code replace}. */
    public void upload(DavPath folder, InodeAttributes folderAttributes, String name, InputStream body, boolean replace)
            throws IOException {
        DavPath target = checked(folder, name);
        InodeAttributes existing = stat(target);
        if (existing != null && existing.type() != FileType.FILE) {
            throw new Refusal(409, "\u201c" + name + "\u201d exists and is not a file");
        }
        if (existing != null && !replace) {
            throw new Refusal(409, "\u201c" + name + "\u201d already exists (tick \u201creplace existing\u201d to replace it)");
        }
        refuseLocked(target, false);
        refuseLocked(folder, false);
        try {
            Uploads.store(context.fs(), target, body, existing, folderAttributes.uid(), folderAttributes.gid());
        } catch (RingFsException e) {
            throw refusal(e, name);
        }
    }

    /** The attributes at {@code path}, or null when nothing is there. */
    public InodeAttributes stat(DavPath path) {
        try {
            return context.fs().stat(path.value());
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.NOT_DIRECTORY) return null;
            throw refusal(e, path.name());
        }
    }

    private static DavPath checked(DavPath folder, String name) {
        String problem = Names.problem(name);
        if (problem != null) throw new Refusal(400, problem);
        return folder.child(name);
    }

    private void refuseLocked(DavPath path, boolean members) {
        boolean locked = !(members ? context.locks().coveringOrBelow(path) : context.locks().covering(path)).isEmpty();
        if (locked) {
            throw new Refusal(423, "\u201c" + (path.isRoot() ? "/" : path.name())
                    + "\u201d is locked by a WebDAV client; try again when it is unlocked");
        }
    }

    static Refusal refusal(RingFsException e, String name) {
        String what = switch (e.code()) {
            case EXISTS -> "\u201c" + name + "\u201d already exists";
            case NOT_FOUND -> "\u201c" + name + "\u201d is not there any more";
            case NO_SPACE -> "the drive is full";
            case NAME_TOO_LONG -> "the name or path is too long";
            case NOT_EMPTY -> "the folder is not empty";
            case INVALID -> "that is not possible here";
            default -> "the drive could not do it (" + e.code() + ")";
        };
        return new Refusal(e.code().httpStatus(), what);
    }
}
