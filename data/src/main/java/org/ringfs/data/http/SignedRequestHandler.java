package org.ringfs.data.http;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.SignatureVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Lets through only requests signed with the cluster secret; the rest get 401 UNAUTHENTICATED
 * before the router parses anything. The signature covers the body, so the body is read (the size
 * limit in front caps it at one block) and hashed here, and the router reads the same bytes from
 * memory: a block is stored only after its signature checked out.
 */
final class SignedRequestHandler extends Handler.Wrapper {
    private final SignatureVerifier verifier;

    SignedRequestHandler(SignatureVerifier verifier, Handler handler) {
        super(handler);
        this.verifier = verifier;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SignatureVerifier.SignedHeaders signed = verifier.headers(name -> request.getHeaders().get(name));
        byte[] body = readBody(request); // only now: an unsigned or stale request is not worth an upload
        verifier.verify(request.getMethod(), pathAndQuery(request.getHttpURI()), signed, BodyDigest.of(body, 0, body.length));
        return super.handle(new ReadBody(request, body), response, callback);
    }

    /** The raw path and query as the client signed them. */
    static String pathAndQuery(HttpURI uri) {
        String query = uri.getQuery();
        return uri.getPath() + (query == null ? "" : "?" + query);
    }

    private static byte[] readBody(Request request) throws RingFsException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            return in.readAllBytes();
        } catch (RingFsException e) {
            throw e; // the size limit's TOO_LARGE, raised inside the stream
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "request body broken off: " + e.getMessage(), e);
        }
    }

    /** The request with its body already read: the router reads these bytes. */
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
