package org.ringfs.data.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a block operation throws into a coded error reply: a {@link RingFsException} answers
 * with its code; anything else is logged with its stack here and answered INTERNAL, without the
 * stack. (Refusals in front of the router, unsigned or oversized, are the server shell's.)
 */
final class ErrorReplyHandler extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorReplyHandler.class);

    ErrorReplyHandler(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            return super.handle(request, response, callback);
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.IO_ERROR || e.code() == ErrorCode.INTERNAL) {
                log.warn("{} {}: {}", request.getMethod(), request.getHttpURI().getPath(), e.toString());
            }
            BlockReplies.error(response, callback, e);
            return true;
        } catch (Exception e) {
            log.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
            BlockReplies.error(response, callback, new RingFsException(ErrorCode.INTERNAL, "internal error in the data server"));
            return true;
        }
    }
}
