package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockService;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;

import java.util.List;

/** GET /blocks?after={key}&amp;limit=N: one listing line per held copy, in key order (limit capped at MAX_LIST_LIMIT). */
final class ListBlocks implements Operation {
    static final int DEFAULT_LIMIT = 1000;

    private final BlockService service;

    ListBlocks(BlockService service) {
        this.service = service;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, List<String> args) throws Exception {
        BlockRequestParams query = BlockRequestParams.of(request);
        int limit = query.nonNegativeInt("limit", DEFAULT_LIMIT);
        if (limit == 0) throw new RingFsException(ErrorCode.BAD_REQUEST, "limit must be positive");
        String after = query.string("after");
        BlockKey afterKey = after == null || after.isEmpty() ? null : BlockKey.parse(after);
        List<StoredBlock> page = service.list(afterKey, limit); // the service caps the page
        StringBuilder body = new StringBuilder(page.size() * 48);
        for (StoredBlock b : page) body.append(b.toLine()).append('\n');
        BlockReplies.text(response, callback, 200, body.toString());
    }
}
