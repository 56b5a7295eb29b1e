package org.ringfs.server;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

/**
 * Refuses request bodies over a cap with 413 TOO_LARGE: at once when the Content-Length says so,
 * and, for a body sent without a length, as soon as reading passes the cap (nothing past it is
 * read; the reader sees TOO_LARGE, which {@link RequestBody} passes on). Unlike Jetty's
 * SizeLimitHandler, both answers are the coded reply every RingFS error is.
 */
final class BodySizeLimitHandler extends Handler.Wrapper {
    private final long maxBytes;

    BodySizeLimitHandler(long maxBytes, Handler handler) {
        super(handler);
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        if (declared > maxBytes) {
            // No Connection: close of ours: Jetty first drains what has arrived of the unread body,
            // then closes, so a client still uploading reads the 413 rather than a reset.
            ErrorReplies.send(response, callback, tooLarge("a body of " + declared + " bytes"), false);
            return true;
        }
        return super.handle(declared < 0 ? new CappedRequest(request) : request, response, callback);
    }

    private RingFsException tooLarge(String what) {
        return new RingFsException(ErrorCode.TOO_LARGE, what + " exceeds the limit of " + maxBytes + " bytes");
    }

    /** Counts the body as it is read and fails it past the cap. */
    private final class CappedRequest extends Request.Wrapper {
        private long read;

        CappedRequest(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) return chunk;
            read += chunk.remaining();
            if (read <= maxBytes) return chunk;
            chunk.release();
            RingFsException failure = tooLarge("a body of more than " + read + " bytes");
            fail(failure);
            return Content.Chunk.from(failure, true);
        }
    }
}
