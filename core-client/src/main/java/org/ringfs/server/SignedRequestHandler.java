package org.ringfs.server;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.RingFsException;
import org.ringfs.metrics.Refusal;
import org.ringfs.metrics.ServerMetrics;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.RefusalLog;
import org.ringfs.security.RequestRefusedException;
import org.ringfs.security.SignatureVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Lets through only requests signed with the cluster secret; the rest get 401 UNAUTHENTICATED
 * (503 UNAVAILABLE while the replay guard is full) before the handler behind parses a byte. The signature covers the body, so the body (capped by
 * the size limit in front) is read and hashed here, and the handler behind reads the same bytes
 * from memory: a data server stores a block only after its signature checked out. Every refusal
 * closes the connection (the body may be unread; a pool must not reuse it).
 */
final class SignedRequestHandler extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger(SignedRequestHandler.class);
    /** Unsigned, stale or replayed requests: warned about once per 10 s, not once per request. */
    private static final RefusalLog refusals = new RefusalLog(log, Duration.ofSeconds(10));

    private final SignatureVerifier verifier;
    private final int maxBodyBytes;
    private final ServerMetrics metrics;

    SignedRequestHandler(SignatureVerifier verifier, int maxBodyBytes, ServerMetrics metrics, Handler handler) {
        super(handler);
        this.verifier = verifier;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        RequestBody body;
        try {
            SignatureVerifier.SignedHeaders signed = verifier.headers(name -> request.getHeaders().get(name));
            // Only now: an unsigned or stale request is not worth an upload.
            body = RequestBody.read(request, maxBodyBytes);
            verifier.verify(request.getMethod(), pathAndQuery(request.getHttpURI()), signed,
                    BodyDigest.of(body.bytes(), 0, body.length()));
        } catch (RingFsException e) {
            refusals.refused(Request.getRemoteAddr(request), e.getMessage());
            // A body over the limit is no refusal of the signature: it counts as its 413 alone.
            if (e instanceof RequestRefusedException refused) metrics.refused(Refusal.of(refused.reason()));
            ErrorReplies.send(response, callback, e, true);
            return true;
        }
        return super.handle(body.replaying(request), response, callback);
    }

    /** The raw path and query as the client signed them. */
    private static String pathAndQuery(HttpURI uri) {
        String query = uri.getQuery();
        return uri.getPath() + (query == null ? "" : "?" + query);
    }
}
