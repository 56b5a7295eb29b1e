package org.ringfs.webdav.dav;

import io.milton.http.ResourceFactory;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;

/**
 * Milton's view of the drive: a URL path becomes a {@link RingFolder}, a {@link RingFile}, or null
 * when nothing (or nothing WebDAV can show, such as a FIFO or a symlink) lives there.
 */
public final class RingResourceFactory implements ResourceFactory {
    private final DavContext context;

    public RingResourceFactory(DavContext context) {
        this.context = context;
    }

    @Override
    public RingResource getResource(String host, String path) {
        return resolve(DavPath.of(path));
    }

    /** The resource at a path, or null when there is none. */
    public RingResource resolve(DavPath path) {
        if (Uploads.isUploadName(path.name())) return null;
        try {
            return of(context, path, context.fs().stat(path.value()));
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.NOT_DIRECTORY) return null;
            throw new StoreFailure(e);
        }
    }

    static RingResource of(DavContext context, DavPath path, InodeAttributes attributes) {
        return switch (attributes.type()) {
            case DIRECTORY -> new RingFolder(context, path, attributes);
            case FILE -> new RingFile(context, path, attributes);
            default -> null;
        };
    }
}
