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
    /** A refused body up to this many times the cap is read to its end, not cut off with the connection. */
    static final long DISCARDED_BODIES = 4;

    private final long maxBytes;

    BodySizeLimitHandler(long maxBytes, Handler handler) {
        super(handler);
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        if (declared > maxBytes) {
            RingFsException refusal = tooLarge("a body of " + declared + " bytes");
            if (declared <= maxBytes * DISCARDED_BODIES) {
                // The 413 goes out at once; then the body is read and dropped, and only then does the
                // exchange end. Closing with the body still arriving makes the kernel reset the
                // connection, which takes the 413 with it when it has not left yet (seen under load).
                ErrorReplies.send(response, Callback.from(() -> Content.Source.consumeAll(request, callback), callback::failed),
                        refusal, false);
            } else {
                ErrorReplies.send(response, callback, refusal, true); // not worth reading: the connection goes
            }
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
