package org.ringfs.data.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
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

    static void noContent(Response response, Callback callback) {
        response.setStatus(204);
        callback.succeeded();
    }

    static void bytes(Response response, Callback callback, ByteBuffer bytes) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.remaining());
        response.write(true, bytes, callback);
    }

    /**
     * The coded error reply; WRONG_GENERATION also names the generation held. (Whether it says
     * Connection: close, because the request's body was left unread, is the server shell's call.)
     */
    static void error(Response response, Callback callback, RingFsException e) {
        ErrorReplies.send(response, callback, e, false, headers -> {
            if (e instanceof WrongGenerationException wrong) {
                headers.put(BlockProtocol.GENERATION, Long.toString(wrong.heldGeneration()));
            }
        });
    }
}
