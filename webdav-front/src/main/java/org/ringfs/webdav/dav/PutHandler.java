package org.ringfs.webdav.dav;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * PUT, streamed: the body goes to the file system as it arrives, chunked or not, whatever its
 * content type (the body is never parsed as a form). Unlike Milton CE's handler it never creates
 * missing parent folders (409, RFC 4918 9.7.1) and it replaces a file atomically ({@link Uploads}).
 */
public final class PutHandler implements Handler {
    private final DavContext context;
    private final RingResourceFactory resources;

    public PutHandler(DavContext context, RingResourceFactory resources) {
        this.context = context;
        this.resources = resources;
    }

    @Override
    public String[] getMethods() {
        return new String[] {Request.Method.PUT.code};
    }

    @Override
    public boolean isCompatible(Resource resource) {
        return true;
    }

    @Override
    public void process(HttpManager manager, Request request, Response response) {
        if (request.getContentRangeHeader() != null) {
            // RFC 9110 14.5: a server without partial PUT must refuse Content-Range, not store a part as the whole.
            Replies.empty(response, 400);
            return;
        }
        DavPath path = Requests.target(request);
        RingResource existing = resources.resolve(path);
        if (existing != null && existing.isCollection()) {
            Replies.empty(response, 405);
            return;
        }
        if (!Preconditions.etagsAllow(request, existing == null ? null : existing.attributes())) {
            Replies.empty(response, 412);
            return;
        }
        RingResource parent = path.isRoot() ? null : resources.resolve(path.parent());
        if (!(parent instanceof RingFolder)) {
            Replies.empty(response, 409);
            return;
        }
        InodeAttributes stored;
        try {
            stored = Uploads.store(context.fs(), path, request.getInputStream(),
                    existing == null ? null : existing.attributes(), parent.attributes().uid(), parent.attributes().gid());
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the PUT body of " + path, e);
        }
        response.setEtag(ETags.of(stored));
        Replies.empty(response, existing == null ? 201 : 204);
    }
}
