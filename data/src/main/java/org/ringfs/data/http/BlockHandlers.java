package org.ringfs.data.http;

import org.eclipse.jetty.server.Handler;
import org.ringfs.api.BlockProtocol;
import org.ringfs.data.store.BlockStore;
import org.ringfs.data.store.DeleteGate;
import org.ringfs.security.SignatureVerifier;

/**
 * The block protocol's handler chain: coded errors, then the body size limit, then (when the
 * cluster has a secret) the signature check, then the router.
 */
public final class BlockHandlers {
    private BlockHandlers() {}

    /**
     * @param status              what GET /status answers
     * @param serverName          for the fault hooks
     * @param allowFaultInjection whether POST /fault/corrupt is served
     */
    public static Handler create(BlockStore store, StatusSource status, String serverName, boolean allowFaultInjection) {
        return create(store, status, serverName, allowFaultInjection, null);
    }

    /** @param verifier checks every request's signature; null serves unsigned requests (an open cluster) */
    public static Handler create(BlockStore store, StatusSource status, String serverName, boolean allowFaultInjection,
                                 SignatureVerifier verifier) {
        return create(store, status, serverName, allowFaultInjection, verifier, DeleteGate.OPEN);
    }

    /** @param deletes asked before every DELETE (a server with meta deletes only with meta's authority) */
    public static Handler create(BlockStore store, StatusSource status, String serverName, boolean allowFaultInjection,
                                 SignatureVerifier verifier, DeleteGate deletes) {
        Handler router = new BlockRouter(store, status, serverName, allowFaultInjection, deletes);
        Handler checked = verifier == null ? router : new SignedRequestHandler(verifier, router);
        return new ErrorReplyHandler(new BodySizeLimitHandler(BlockProtocol.MAX_BLOCK_SIZE, checked));
    }
}
