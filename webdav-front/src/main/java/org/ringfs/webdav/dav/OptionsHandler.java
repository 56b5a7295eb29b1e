package org.ringfs.webdav.dav;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;

import java.util.List;

/**
 * OPTIONS: "DAV: 1, 2" (RingFS locks, though its resources are not Milton LockableResources, so
 * Milton's own handler would say class 1 only) and every method RingFS serves. Answered without
 * credentials: Windows and macOS probe with OPTIONS before they log in.
 */
public final class OptionsHandler implements Handler {
    private static final List<String> METHODS = List.of("OPTIONS", "GET", "HEAD", "PUT", "DELETE", "MKCOL", "COPY",
            "MOVE", "PROPFIND", "PROPPATCH", "LOCK", "UNLOCK");

    @Override
    public String[] getMethods() {
        return new String[] {Request.Method.OPTIONS.code};
    }

    @Override
    public boolean isCompatible(Resource resource) {
        return true;
    }

    @Override
    public void process(HttpManager manager, Request request, Response response) {
        response.setDavHeader("1, 2");
        response.setNonStandardHeader("MS-Author-Via", "DAV");
        response.setAllowHeader(METHODS);
        Replies.empty(response, 200);
    }
}
