package org.ringfs.data.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.security.RefusalLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Turns what an operation throws into a coded error reply: a {@link RingFsException} answers with
 * its code; anything else is logged with its stack here and answered INTERNAL, without the stack.
 */
final class ErrorReplyHandler extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorReplyHandler.class);
    /** Unsigned, stale or replayed requests: warned about once per 10 s, not once per request. */
    private static final RefusalLog refusals = new RefusalLog(log, Duration.ofSeconds(10));

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
            } else if (e.code() == ErrorCode.UNAUTHENTICATED) {
                refusals.refused(Request.getRemoteAddr(request), e.getMessage());
            }
            // Refused before its body was read (unsigned, too large...): the server drops such a
            // connection after the reply, so say so, lest the client send its next request into it.
            Replies.error(response, callback, e, mayHaveUnreadBody(request));
            return true;
        } catch (Exception e) {
            log.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
            Replies.error(response, callback, new RingFsException(ErrorCode.INTERNAL, "internal error in the data server"));
            return true;
        }
    }

    private static boolean mayHaveUnreadBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }
}
