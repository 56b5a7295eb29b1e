package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.data.store.BlockStore;

import java.util.List;

/**
 * POST /fault/corrupt/{key}?offset=O: flips one stored byte, keeping the checksums, for tests of
 * repair: 204; 403 FAULT_INJECTION_DISABLED unless the server was started with fault injection.
 */
final class CorruptBlock implements Operation {
    private final BlockStore store;
    private final boolean allowed;

    CorruptBlock(BlockStore store, boolean allowed) {
        this.store = store;
        this.allowed = allowed;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, List<String> args) throws Exception {
        if (!allowed) {
            throw new RingFsException(ErrorCode.FAULT_INJECTION_DISABLED, "this data server was started without fault injection");
        }
        store.corrupt(Params.key(args), Params.of(request).nonNegativeInt("offset", 0));
        Replies.noContent(response, callback);
    }
}
