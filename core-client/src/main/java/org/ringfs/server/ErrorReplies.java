package org.ringfs.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.RingFsException;

import java.util.function.Consumer;

/**
 * The coded error reply of every server: the code's HTTP status, its name in
 * {@link BlockProtocol#ERROR}, and the message as one text/plain line (never a stack trace or an
 * HTML page).
 */
public final class ErrorReplies {
    private ErrorReplies() {}

    /** @param closeConnection say Connection: close: the server drops the connection after this reply */
    public static void send(Response response, Callback callback, RingFsException e, boolean closeConnection) {
        send(response, callback, e, closeConnection, headers -> { });
    }

    /** As {@link #send(Response, Callback, RingFsException, boolean)}, with headers of the server's own. */
    public static void send(Response response, Callback callback, RingFsException e, boolean closeConnection,
                            Consumer<HttpFields.Mutable> extraHeaders) {
        send(response, callback, e.code().httpStatus(), e, closeConnection, extraHeaders);
    }

    /** With a status of its own: Jetty's, when the code is only the nearest name for it. */
    static void send(Response response, Callback callback, int status, RingFsException e, boolean closeConnection,
                     Consumer<HttpFields.Mutable> extraHeaders) {
        if (response.isCommitted()) {
            callback.failed(e); // too late for a status: the client sees the connection fail
            return;
        }
        response.reset();
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        if (closeConnection) headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        headers.put(BlockProtocol.ERROR, e.code().name());
        extraHeaders.accept(headers);
        headers.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        String message = e.getMessage() == null ? e.code().name() : e.getMessage().replace('\n', ' ');
        Content.Sink.write(response, true, message + "\n", callback);
    }
}
