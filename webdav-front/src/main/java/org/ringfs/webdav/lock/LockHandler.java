package org.ringfs.webdav.lock;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;
import org.ringfs.api.RingFsException;
import org.ringfs.webdav.dav.DavContext;
import org.ringfs.webdav.dav.DavPath;
import org.ringfs.webdav.dav.DavXml;
import org.ringfs.webdav.dav.Replies;
import org.ringfs.webdav.dav.Requests;
import org.ringfs.webdav.dav.RingFolder;
import org.ringfs.webdav.dav.RingResource;
import org.ringfs.webdav.dav.RingResourceFactory;
import org.ringfs.webdav.dav.StoreFailure;
import org.ringfs.webdav.dav.XmlOut;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * LOCK (RFC 4918 9.10): a new exclusive or shared write lock at depth 0 or infinity, or, with no
 * body, a refresh of the lock whose token the If header submits. A LOCK on an unmapped URL
 * creates an empty file (the RFC 4918 successor of lock-null resources) and answers 201.
 */
public final class LockHandler implements Handler {
    private final DavContext context;
    private final RingResourceFactory resources;

    public LockHandler(DavContext context, RingResourceFactory resources) {
        this.context = context;
        this.resources = resources;
    }

    private record LockInfo(boolean exclusive, String ownerXml) {}

    @Override
    public String[] getMethods() {
        return new String[] {Request.Method.LOCK.code};
    }

    @Override
    public boolean isCompatible(Resource resource) {
        return true;
    }

    @Override
    public void process(HttpManager manager, Request request, Response response) {
        DavPath path = Requests.target(request);
        int depth = Requests.depth(request, Requests.INFINITY);
        long timeout = LockTimeouts.seconds(Requests.header(request, "Timeout"));
        Document body;
        LockInfo info;
        try {
            body = DavXml.parse(request.getInputStream());
            info = body == null ? null : lockInfo(body);
        } catch (DavXml.BadBodyException e) {
            Replies.empty(response, 400);
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (info == null) {
            refresh(request, response, path, timeout);
            return;
        }
        if (depth != 0 && depth != Requests.INFINITY) {
            Replies.empty(response, 400);
            return;
        }
        RingResource existing = resources.resolve(path);
        RingResource parent = existing != null || path.isRoot() ? null : resources.resolve(path.parent());
        if (existing == null && !(parent instanceof RingFolder)) {
            Replies.empty(response, 409);
            return;
        }
        ActiveLock lock;
        try {
            lock = context.locks().lock(path, info.exclusive(), depth == Requests.INFINITY, info.ownerXml(),
                    Principals.of(request), timeout);
        } catch (LockConflictException e) {
            Replies.error(response, 423, "no-conflicting-lock", e.lockedRoot().href(false));
            return;
        }
        if (existing == null) createEmpty(path, parent, lock);
        response.setLockTokenHeader("<" + lock.token() + ">");
        answer(response, existing == null ? 201 : 200, lock);
    }

    private void refresh(Request request, Response response, DavPath path, long timeout) {
        String ifValue = Requests.header(request, "If");
        if (ifValue == null) {
            Replies.empty(response, 400);
            return;
        }
        IfHeader ifHeader;
        try {
            ifHeader = IfHeader.parse(ifValue);
        } catch (IfHeader.MalformedException e) {
            Replies.empty(response, 400);
            return;
        }
        for (String token : ifHeader.submittedTokens()) {
            Optional<ActiveLock> held = context.locks().byToken(token);
            if (held.isPresent() && held.get().covers(path)) {
                Optional<ActiveLock> refreshed = context.locks().refresh(token, timeout);
                if (refreshed.isPresent()) {
                    answer(response, 200, refreshed.get());
                    return;
                }
            }
        }
        Replies.error(response, 412, "lock-token-matches-request-uri", null);
    }

    private void createEmpty(DavPath path, RingResource parent, ActiveLock lock) {
        try {
            context.fs().create(path.value(), 0644, parent.attributes().uid(), parent.attributes().gid(), false).close();
        } catch (RingFsException e) {
            context.locks().unlock(lock.token());
            throw new StoreFailure(e);
        }
    }

    private static void answer(Response response, int status, ActiveLock lock) {
        XmlOut out = new XmlOut().root("prop").open("lockdiscovery");
        LockDiscovery.activeLock(out, lock);
        Replies.xml(response, status, out.close("lockdiscovery").close("prop"));
    }

    private static LockInfo lockInfo(Document body) throws DavXml.BadBodyException {
        Element root = body.getDocumentElement();
        if (!DavXml.is(root, DavXml.DAV, "lockinfo")) throw new DavXml.BadBodyException("not a DAV:lockinfo");
        Element scope = DavXml.child(root, DavXml.DAV, "lockscope");
        Element type = DavXml.child(root, DavXml.DAV, "locktype");
        if (scope == null || type == null || DavXml.child(type, DavXml.DAV, "write") == null) {
            throw new DavXml.BadBodyException("a lock wants a lockscope and the write locktype");
        }
        boolean exclusive = DavXml.child(scope, DavXml.DAV, "exclusive") != null;
        if (!exclusive && DavXml.child(scope, DavXml.DAV, "shared") == null) {
            throw new DavXml.BadBodyException("lockscope is neither exclusive nor shared");
        }
        Element owner = DavXml.child(root, DavXml.DAV, "owner");
        return new LockInfo(exclusive, owner == null ? null : DavXml.serialize(owner));
    }
}
