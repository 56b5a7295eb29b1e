package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.data.service.LocalBlockService;
import org.ringfs.data.store.BlockSlice;

import java.util.List;

/**
 * GET /blocks/{key}[?offset=O&amp;length=L]: the stored bytes (whole chunks) and their chunk
 * checksums, unverified, sent straight from the record the store read (no copy of our own).
 */
final class GetBlock implements Operation {
    private final LocalBlockService service;

    GetBlock(LocalBlockService service) {
        this.service = service;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, List<String> args) throws Exception {
        BlockKey key = BlockRequestParams.key(args);
        BlockRequestParams query = BlockRequestParams.of(request);
        int offset = query.nonNegativeInt("offset", 0);
        int length = query.nonNegativeInt("length", Integer.MAX_VALUE);
        BlockSlice d = service.slice(key, offset, length);
        response.getHeaders().put(BlockProtocol.OFFSET, Integer.toString(d.offset()));
        response.getHeaders().put(BlockProtocol.BLOCK_LENGTH, Integer.toString(d.blockLength()));
        response.getHeaders().put(BlockProtocol.CHUNK_SIZE, Integer.toString(d.chunkSize()));
        response.getHeaders().put(BlockProtocol.CHUNK_CRCS, BlockProtocol.crcList(d.chunkCrcs()));
        BlockReplies.bytes(response, callback, d.bytes());
    }
}
