package org.ringfs.data.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.RingFsException;
import org.ringfs.data.store.WrongGenerationException;
import org.ringfs.server.ErrorReplies;

import java.nio.ByteBuffer;

/** Writing block-protocol responses: text, bytes, no content, and coded errors (never a stack trace). */
final class BlockReplies {
    private BlockReplies() {}

    static void text(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
    }

    /**
     * For a refusal sent before the request's body was read: Jetty drops such a connection after the
     * reply, so the reply says Connection: close, lest a pooling client send its next request into it.
     */
    static boolean mayHaveUnreadBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    static void sayCloseIfBodyUnread(Request request, Response response) {
        if (mayHaveUnreadBody(request)) response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }

    static void noContent(Response response, Callback callback) {
        response.setStatus(204);
        callback.succeeded();
    }

    static void bytes(Response response, Callback callback, byte[] bytes, int length) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        response.write(true, ByteBuffer.wrap(bytes, 0, length), callback);
    }

    /** The coded error reply; WRONG_GENERATION also names the generation held. */
    static void error(Response response, Callback callback, RingFsException e, boolean closeConnection) {
        ErrorReplies.send(response, callback, e, closeConnection, headers -> {
            if (e instanceof WrongGenerationException wrong) {
                headers.put(BlockProtocol.GENERATION, Long.toString(wrong.heldGeneration()));
            }
        });
    }
}
