package org.ringfs.data.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.RingFsException;
import org.ringfs.data.store.WrongGenerationException;

import java.nio.ByteBuffer;

/** Writing block-protocol responses: text, no content, and coded errors (never a stack trace). */
final class Replies {
    private Replies() {}

    static void text(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
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

    /** The error's status, its code in {@link BlockProtocol#ERROR}, and its message as one line. */
    static void error(Response response, Callback callback, RingFsException e) {
        error(response, callback, e, false);
    }

    /** As {@link #error(Response, Callback, RingFsException)}, telling the client when the connection ends with it. */
    static void error(Response response, Callback callback, RingFsException e, boolean closeConnection) {
        if (response.isCommitted()) {
            callback.failed(e); // too late for a status: the client sees the connection fail
            return;
        }
        response.reset();
        if (closeConnection) response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.getHeaders().put(BlockProtocol.ERROR, e.code().name());
        if (e instanceof WrongGenerationException wrong) {
            response.getHeaders().put(BlockProtocol.GENERATION, Long.toString(wrong.heldGeneration()));
        }
        String message = e.getMessage() == null ? e.code().name() : e.getMessage().replace('\n', ' ');
        text(response, callback, e.code().httpStatus(), message + "\n");
    }
}
