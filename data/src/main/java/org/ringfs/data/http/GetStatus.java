package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.List;

/** GET /status: the server's {@link DataServerStatus} as key=value lines. */
final class GetStatus implements Operation {
    private final StatusSource source;

    GetStatus(StatusSource source) {
        this.source = source;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, List<String> args) throws Exception {
        Replies.text(response, callback, 200, source.status().toText());
    }
}
