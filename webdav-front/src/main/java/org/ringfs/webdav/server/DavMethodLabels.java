package org.ringfs.webdav.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.metrics.RequestLabels;

import java.util.Set;

/**
 * Names each request's operation in the front's metrics by its method: the WebDAV and HTTP methods
 * the drive knows by name, any other method as {@link RequestLabels#UNNAMED} (a client cannot grow
 * the metrics by inventing methods).
 */
final class DavMethodLabels extends Handler.Wrapper {
    static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "PROPFIND",
            "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK");

    DavMethodLabels(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if (METHODS.contains(method)) RequestLabels.of(request::getAttribute).operation(method);
        return super.handle(request, response, callback);
    }
}
