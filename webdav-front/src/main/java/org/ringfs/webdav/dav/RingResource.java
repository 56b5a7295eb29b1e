package org.ringfs.webdav.dav;

import io.milton.http.Auth;
import io.milton.http.Request;
import io.milton.resource.CollectionResource;
import io.milton.resource.CopyableResource;
import io.milton.resource.DeletableResource;
import io.milton.resource.MoveableResource;
import io.milton.resource.PropFindableResource;
import io.milton.resource.Resource;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;

import java.util.Date;

/**
 * A file or folder of the drive as Milton sees it, made per request from one stat. Who may enter
 * was decided before any resource is made ({@code auth.AccessGate}); which locks stand in the way
 * too ({@code lock.LockGuard}). So resources only do the file system work.
 */
public abstract class RingResource implements Resource, PropFindableResource, CopyableResource, MoveableResource,
        DeletableResource {

    protected final DavContext context;
    protected final DavPath path;
    protected final InodeAttributes attributes;

    protected RingResource(DavContext context, DavPath path, InodeAttributes attributes) {
        this.context = context;
        this.path = path;
        this.attributes = attributes;
    }

    public DavPath path() { return path; }

    public InodeAttributes attributes() { return attributes; }

    public abstract boolean isCollection();

    @Override
    public String getUniqueId() {
        return ETags.of(attributes);
    }

    @Override
    public String getName() {
        return path.name();
    }

    /** Credentials are checked once per request by the access gate against the users file, not per resource. */
    @Override
    public Object authenticate(String user, String password) {
        return null;
    }

    @Override
    public boolean authorise(Request request, Request.Method method, Auth auth) {
        return true;
    }

    @Override
    public String getRealm() {
        return "RingFS";
    }

    @Override
    public Date getModifiedDate() {
        return new Date(attributes.mtimeNanos() / 1_000_000);
    }

    /** POSIX keeps no birth time: ctime is the closest stable answer. */
    @Override
    public Date getCreateDate() {
        return new Date(attributes.ctimeNanos() / 1_000_000);
    }

    @Override
    public String checkRedirect(Request request) {
        return null;
    }

    @Override
    public void moveTo(CollectionResource destination, String name) {
        DavPath target = ((RingFolder) destination).path().child(name);
        try {
            context.fs().rename(path.value(), target.value());
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        }
        // Locks belong to a URL, not to the bytes: they do not follow a MOVE (RFC 4918 7.6).
        context.locks().releaseTree(path);
    }

    @Override
    public void copyTo(CollectionResource destination, String name) {
        try {
            Copier.copy(context.fs(), this, ((RingFolder) destination).path().child(name));
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        }
    }

    @Override
    public void delete() {
        try {
            if (isCollection()) {
                context.fs().removeTree(path.value());
            } else {
                context.fs().unlink(path.value());
            }
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        }
        context.locks().releaseTree(path);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + path + ")";
    }
}
