package org.ringfs.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Makes a reply that commits before its request's body has all arrived say {@code Connection: close}.
 * Jetty drops such a connection once the reply is out (it cannot find where the next request starts),
 * but a reply written in one go is committed before Jetty can add the header; without it a pooling
 * client sends its next request into the closing connection and gets no bytes back. Whatever of the
 * body has arrived is discarded here, as Jetty would at the end of the exchange.
 */
final class UnreadBodyHandler extends Handler.Wrapper {
    UnreadBodyHandler(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(request, new Response.Wrapper(request, response) {
            @Override
            public void write(boolean last, ByteBuffer content, Callback written) {
                if (!isCommitted() && !request.consumeAvailable()) {
                    getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
                }
                super.write(last, content, written);
            }
        }, callback);
    }
}
