package org.ringfs.webdav.dav;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

/**
 * MKCOL (RFC 4918 9.3): 201, or 405 when the name is taken, 409 when the parent is missing,
 * 415 for a body (RingFS knows no MKCOL body format).
 */
public final class MkcolHandler implements Handler {
    private final DavContext context;
    private final RingResourceFactory resources;

    public MkcolHandler(DavContext context, RingResourceFactory resources) {
        this.context = context;
        this.resources = resources;
    }

    @Override
    public String[] getMethods() {
        return new String[] {Request.Method.MKCOL.code};
    }

    @Override
    public boolean isCompatible(Resource resource) {
        return true;
    }

    @Override
    public void process(HttpManager manager, Request request, Response response) {
        if (Requests.hasBody(request)) {
            Replies.empty(response, 415);
            return;
        }
        DavPath path = Requests.target(request);
        if (path.isRoot() || resources.resolve(path) != null) {
            Replies.empty(response, 405);
            return;
        }
        RingResource parent = resources.resolve(path.parent());
        if (!(parent instanceof RingFolder)) {
            Replies.empty(response, 409);
            return;
        }
        try {
            context.fs().mkdir(path.value(), 0755, parent.attributes().uid(), parent.attributes().gid());
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.EXISTS) {
                Replies.empty(response, 405);
                return;
            }
            throw new StoreFailure(e);
        }
        Replies.empty(response, 201);
    }
}
