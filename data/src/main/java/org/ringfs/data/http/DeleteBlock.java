package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.data.store.BlockStore;

import java.util.List;

/** DELETE /blocks/{key}: 204, also when the copy is absent. */
final class DeleteBlock implements Operation {
    private final BlockStore store;

    DeleteBlock(BlockStore store) {
        this.store = store;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, List<String> args) throws Exception {
        store.delete(Params.key(args));
        Replies.noContent(response, callback);
    }
}
