package org.ringfs.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

/**
 * Errors Jetty raises before a handler runs (a malformed URI, oversized headers) and errors a servlet
 * sends (meta's 405 to a GET): a coded text/plain reply like every other error, instead of Jetty's
 * HTML page. Jetty closes the connection after
 * such an error (the request was not read through), so the reply says Connection: close: a
 * client that pools connections would otherwise send its next request into the closed one.
 */
final class PlainErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
        ErrorCode code = switch (status) {
            case 404, 405 -> ErrorCode.UNKNOWN_METHOD;
            case 413, 431 -> ErrorCode.TOO_LARGE;
            case 500 -> ErrorCode.INTERNAL;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> ErrorCode.BAD_REQUEST;
        };
        String message = request.getAttribute(ERROR_MESSAGE) instanceof String m ? m : "HTTP " + status;
        // A client error keeps Jetty's status (a servlet's 405 is no 400); anything else (505 to
        // an HTTP/0.9 request line) gets the code's, so a malformed request never reads as a server fault.
        int replyStatus = status >= 400 && status < 500 ? status : code.httpStatus();
        ErrorReplies.send(response, callback, replyStatus, new RingFsException(code, message), true, headers -> { });
        return true;
    }
}
