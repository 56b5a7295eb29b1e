package org.ringfs.webdav.lock;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;
import org.ringfs.webdav.dav.DavContext;
import org.ringfs.webdav.dav.DavPath;
import org.ringfs.webdav.dav.Replies;
import org.ringfs.webdav.dav.Requests;

import java.util.Optional;

/** UNLOCK (RFC 4918 9.11): removes the lock the Lock-Token header names, if it covers the request URI. */
public final class UnlockHandler implements Handler {
    private final DavContext context;

    public UnlockHandler(DavContext context) {
        this.context = context;
    }

    @Override
    public String[] getMethods() {
        return new String[] {Request.Method.UNLOCK.code};
    }

    @Override
    public boolean isCompatible(Resource resource) {
        return true;
    }

    @Override
    public void process(HttpManager manager, Request request, Response response) {
        String header = Requests.header(request, "Lock-Token");
        if (header == null || !header.trim().startsWith("<") || !header.trim().endsWith(">")) {
            Replies.empty(response, 400);
            return;
        }
        String token = header.trim().substring(1, header.trim().length() - 1).trim();
        DavPath path = Requests.target(request);
        Optional<ActiveLock> held = context.locks().byToken(token);
        if (held.isEmpty() || !held.get().covers(path) || !context.locks().unlock(token)) {
            Replies.error(response, 409, "lock-token-matches-request-uri", null);
            return;
        }
        Replies.empty(response, 204);
    }
}
