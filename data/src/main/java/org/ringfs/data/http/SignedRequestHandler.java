package org.ringfs.data.http;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.BlockProtocol;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.SignatureVerifier;

/**
 * Lets through only requests signed with the cluster secret; the rest get 401 UNAUTHENTICATED
 * before the router parses anything. The signature covers the body, so the body is read (the size
 * limit in front caps it at one block) and hashed here; the router stores that same array
 * ({@link BlockBodyReader} keeps it on the request): a block is stored only after its signature
 * checked out.
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
        // Only now: an unsigned or stale request is not worth an upload.
        BlockBodyReader.Body body = BlockBodyReader.read(request, BlockProtocol.MAX_BLOCK_SIZE);
        verifier.verify(request.getMethod(), pathAndQuery(request.getHttpURI()), signed,
                BodyDigest.of(body.bytes(), 0, body.length()));
        return super.handle(request, response, callback);
    }

    /** The raw path and query as the client signed them. */
    static String pathAndQuery(HttpURI uri) {
        String query = uri.getQuery();
        return uri.getPath() + (query == null ? "" : "?" + query);
    }
}
