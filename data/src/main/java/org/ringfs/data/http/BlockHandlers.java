package org.ringfs.data.http;

import org.eclipse.jetty.server.Handler;
import org.ringfs.api.BlockService;
import org.ringfs.data.service.LocalBlockService;

/**
 * A data server's own handler inside the server shell: coded errors around the router, which
 * decodes each request into a {@link BlockService} call. The size limit and the signature check
 * in front are the shell's.
 */
public final class BlockHandlers {
    private BlockHandlers() {}

    public static Handler create(LocalBlockService service) {
        return new ErrorReplyHandler(new BlockRouter(service));
    }
}
