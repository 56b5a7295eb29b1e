package org.ringfs.data.http;

import org.eclipse.jetty.server.Handler;
import org.ringfs.api.BlockProtocol;
import org.ringfs.data.store.BlockStore;

/** The block protocol's handler chain: coded errors, then the body size limit, then the router. */
public final class BlockHandlers {
    private BlockHandlers() {}

    /**
     * @param status              what GET /status answers
     * @param serverName          for the fault hooks
     * @param allowFaultInjection whether POST /fault/corrupt is served
     */
    public static Handler create(BlockStore store, StatusSource status, String serverName, boolean allowFaultInjection) {
        return new ErrorReplyHandler(new BodySizeLimitHandler(BlockProtocol.MAX_BLOCK_SIZE,
                new BlockRouter(store, status, serverName, allowFaultInjection)));
    }
}
