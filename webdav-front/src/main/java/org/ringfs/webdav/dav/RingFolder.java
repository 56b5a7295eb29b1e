package org.ringfs.webdav.dav;

import io.milton.http.Request;
import io.milton.resource.CollectionResource;
import io.milton.resource.DeletableCollectionResource;
import io.milton.resource.MakeCollectionableResource;
import io.milton.resource.PutableResource;
import io.milton.resource.QuotaResource;
import io.milton.resource.Resource;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StatFs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** A directory. Its children come from one listing; uploads in flight and special inodes are left out. */
public final class RingFolder extends RingResource implements MakeCollectionableResource, PutableResource,
        DeletableCollectionResource, QuotaResource {

    RingFolder(DavContext context, DavPath path, InodeAttributes attributes) {
        super(context, path, attributes);
    }

    @Override
    public boolean isCollection() { return true; }

    @Override
    public Resource child(String childName) {
        return new RingResourceFactory(context).resolve(path.child(childName));
    }

    @Override
    public List<RingResource> getChildren() {
        List<DirectoryEntry> entries;
        try {
            entries = context.fs().list(path.value());
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        }
        List<RingResource> children = new ArrayList<>(entries.size());
        for (DirectoryEntry e : entries) {
            if (Uploads.isUploadName(e.name())) continue;
            RingResource r = RingResourceFactory.of(context, path.child(e.name()), e.attributes());
            if (r != null) children.add(r);
        }
        return children;
    }

    @Override
    public CollectionResource createCollection(String newName) {
        try {
            DavPath child = path.child(newName);
            InodeAttributes made = context.fs().mkdir(child.value(), 0755, attributes.uid(), attributes.gid());
            return new RingFolder(context, child, made);
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        }
    }

    /** Milton's own PUT path; RingFS answers PUT with {@code PutHandler}, which streams the same way. */
    @Override
    public Resource createNew(String newName, InputStream body, Long length, String contentType) throws IOException {
        DavPath child = path.child(newName);
        InodeAttributes made = Uploads.store(context.fs(), child, body, null, attributes.uid(), attributes.gid());
        return new RingFile(context, child, made);
    }

    /** Locks are enforced before any handler runs ({@code lock.LockGuard}), so Milton's own check finds none. */
    @Override
    public boolean isLockedOutRecursive(Request request) {
        return false;
    }

    @Override
    public Long getQuotaUsed() {
        StatFs s = statfs();
        return s.totalBytes() - s.freeBytes();
    }

    @Override
    public Long getQuotaAvailable() {
        return statfs().freeBytes();
    }

    private StatFs statfs() {
        try {
            return context.fs().statfs();
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        }
    }
}
