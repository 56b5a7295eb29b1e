package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.BlockData;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.data.store.BlockStore;

import java.util.List;

/** GET /blocks/{key}[?offset=O&amp;length=L]: the stored bytes (whole chunks) and their chunk checksums, unverified. */
final class GetBlock implements Operation {
    private final BlockStore store;

    GetBlock(BlockStore store) {
        this.store = store;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, List<String> args) throws Exception {
        BlockKey key = Params.key(args);
        Params query = Params.of(request);
        int offset = query.nonNegativeInt("offset", -1);
        int length = query.nonNegativeInt("length", Integer.MAX_VALUE);
        BlockData d = offset < 0 && length == Integer.MAX_VALUE ? store.get(key) : store.read(key, Math.max(offset, 0), length);
        response.getHeaders().put(BlockProtocol.OFFSET, Integer.toString(d.offset()));
        response.getHeaders().put(BlockProtocol.BLOCK_LENGTH, Integer.toString(d.blockLength()));
        response.getHeaders().put(BlockProtocol.CHUNK_SIZE, Integer.toString(d.chunkSize()));
        response.getHeaders().put(BlockProtocol.CHUNK_CRCS, BlockProtocol.crcList(d.chunkCrcs()));
        Replies.bytes(response, callback, d.bytes(), d.length());
    }
}
