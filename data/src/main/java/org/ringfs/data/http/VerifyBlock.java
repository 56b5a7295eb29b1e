package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.data.store.BlockStore;

import java.util.List;

/** GET /verify/{key}: re-reads the copy and checks its checksums: its listing line, or 500 CORRUPT. */
final class VerifyBlock implements Operation {
    private final BlockStore store;

    VerifyBlock(BlockStore store) {
        this.store = store;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, List<String> args) throws Exception {
        Replies.text(response, callback, 200, store.verify(Params.key(args)).toLine() + "\n");
    }
}
