package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.BlockKey;
import org.ringfs.data.store.BlockStore;
import org.ringfs.data.store.DeleteGate;

import java.util.List;

/** DELETE /blocks/{key}: 204, also when the copy is absent; the gate's error when it may not delete. */
final class DeleteBlock implements Operation {
    private final BlockStore store;
    private final DeleteGate gate;

    DeleteBlock(BlockStore store, DeleteGate gate) {
        this.store = store;
        this.gate = gate;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, List<String> args) throws Exception {
        BlockKey key = Params.key(args);
        gate.check();
        store.delete(key);
        Replies.noContent(response, callback);
    }
}
