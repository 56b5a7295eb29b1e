package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.data.fault.DataServerFaults;
import org.ringfs.data.store.BlockStore;

import java.util.List;

/** PUT /blocks/{key}: reads the body, checks it against its chunk checksums, stores and syncs it: 201. */
final class PutBlock implements Operation {
    private final BlockStore store;
    private final String serverName;

    PutBlock(BlockStore store, String serverName) {
        this.store = store;
        this.serverName = serverName;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, List<String> args) throws Exception {
        BlockKey key = Params.key(args);
        String chunkSizeHeader = request.getHeaders().get(BlockProtocol.CHUNK_SIZE);
        if (chunkSizeHeader == null) throw new RingFsException(ErrorCode.BAD_REQUEST, "missing " + BlockProtocol.CHUNK_SIZE);
        long chunkSize = Params.nonNegativeLong(chunkSizeHeader, "chunk size");
        if (chunkSize == 0 || chunkSize > BlockProtocol.MAX_BLOCK_SIZE) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "bad chunk size " + chunkSize);
        }
        int[] crcs = BlockProtocol.parseCrcList(request.getHeaders().get(BlockProtocol.CHUNK_CRCS));
        BlockBodyReader.Body body = BlockBodyReader.read(request, BlockProtocol.MAX_BLOCK_SIZE);
        DataServerFaults.beforePut(serverName, key);
        store.put(key, body.bytes(), body.length(), (int) chunkSize, crcs);
        DataServerFaults.beforePutReply(serverName);
        response.setStatus(201);
        callback.succeeded();
    }
}
