package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.data.store.BlockStore;
import org.ringfs.data.store.DeleteGate;

import java.util.List;

/**
 * DELETE /blocks/{inode}?from={index}: every generation of the file's blocks from index on (default 0): 204;
 * the gate's error when it may not delete.
 */
final class DeleteFile implements Operation {
    private final BlockStore store;
    private final DeleteGate gate;

    DeleteFile(BlockStore store, DeleteGate gate) {
        this.store = store;
        this.gate = gate;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, List<String> args) throws Exception {
        long inode = Params.nonNegativeLong(args.get(0), "inode");
        if (inode == 0) throw new RingFsException(ErrorCode.BAD_REQUEST, "bad inode 0");
        long from = Params.of(request).nonNegativeLong("from", 0);
        gate.check();
        store.deleteFile(inode, from);
        Replies.noContent(response, callback);
    }
}
