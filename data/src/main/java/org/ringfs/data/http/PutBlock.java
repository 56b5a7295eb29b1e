package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.BlockPayload;
import org.ringfs.api.BlockService;
import org.ringfs.server.RequestBody;

import java.util.List;

/**
 * PUT /blocks/{key}: the body (the array the signature check read, when there is one) and its
 * chunk checksums become {@link BlockService#put}: 201 once stored and synced.
 */
final class PutBlock implements Operation {
    private final BlockService service;

    PutBlock(BlockService service) {
        this.service = service;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, List<String> args) throws Exception {
        BlockKey key = BlockRequestParams.key(args);
        String chunkSizeHeader = request.getHeaders().get(BlockProtocol.CHUNK_SIZE);
        if (chunkSizeHeader == null) throw new RingFsException(ErrorCode.BAD_REQUEST, "missing " + BlockProtocol.CHUNK_SIZE);
        long chunkSize = BlockRequestParams.nonNegativeLong(chunkSizeHeader, "chunk size");
        if (chunkSize == 0 || chunkSize > BlockProtocol.MAX_BLOCK_SIZE) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "bad chunk size " + chunkSize);
        }
        int[] crcs = BlockProtocol.parseCrcList(request.getHeaders().get(BlockProtocol.CHUNK_CRCS));
        RequestBody body = RequestBody.read(request, BlockProtocol.MAX_BLOCK_SIZE);
        service.put(key, new BlockPayload(body.bytes(), body.length(), (int) chunkSize, crcs));
        response.setStatus(201);
        callback.succeeded();
    }
}
