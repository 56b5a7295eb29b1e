package org.ringfs.meta.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.RefusalLog;
import org.ringfs.security.RequestRefusedException;
import org.ringfs.security.SignatureVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Lets through to XML-RPC only calls signed with the cluster secret; the rest get HTTP 401 before
 * the XML parser sees a byte. The signature covers the body, so the body (capped by the size limit
 * in front) is read and hashed here and the servlet reads the same bytes from memory.
 */
final class SignedRequestHandler extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger(SignedRequestHandler.class);

    private static final RefusalLog refusals = new RefusalLog(log, Duration.ofSeconds(10));

    private final SignatureVerifier verifier;

    SignedRequestHandler(SignatureVerifier verifier, Handler handler) {
        super(handler);
        this.verifier = verifier;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SignatureVerifier.SignedHeaders signed;
        try {
            signed = verifier.headers(name -> request.getHeaders().get(name));
        } catch (RequestRefusedException e) {
            return refuse(request, response, callback, e); // before the body: not worth an upload
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readAllBytes();
        } catch (IOException e) {
            reply(response, callback, 400, "request body broken off or too large: " + e.getMessage());
            return true;
        }
        try {
            verifier.verify(request.getMethod(), pathAndQuery(request.getHttpURI()), signed,
                    BodyDigest.of(body, 0, body.length));
        } catch (RequestRefusedException e) {
            return refuse(request, response, callback, e);
        }
        return super.handle(new ReadBody(request, body), response, callback);
    }

    private static boolean refuse(Request request, Response response, Callback callback, RequestRefusedException e) {
        refusals.refused(Request.getRemoteAddr(request), e.getMessage());
        reply(response, callback, 401, e.getMessage());
        return true;
    }

    private static String pathAndQuery(HttpURI uri) {
        String query = uri.getQuery();
        return uri.getPath() + (query == null ? "" : "?" + query);
    }

    /** Refusals close the connection: the body may be unread, and a pool must not reuse it. */
    private static void reply(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, message.replace('\n', ' ') + "\n", callback);
    }

    /** The request with its body already read: the servlet reads these bytes. */
    private static final class ReadBody extends Request.Wrapper {
        private Content.Chunk next;

        ReadBody(Request request, byte[] body) {
            super(request);
            this.next = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = next;
            next = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // every byte is in memory: always readable
        }
    }
}
