package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.List;

/**
 * One block-protocol operation. It completes the callback on success; on failure it throws a
 * {@link org.ringfs.api.RingFsException} and {@link ErrorReplyHandler} answers with its code.
 */
@FunctionalInterface
interface Operation {
    /** @param args the path segments after the route's fixed ones, undecoded */
    void serve(Request request, Response response, Callback callback, List<String> args) throws Exception;
}
