package org.ringfs.data.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.BlockService;
import org.ringfs.data.service.LocalBlockService;
import org.ringfs.metrics.RequestLabels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The block protocol's method table: each of {@link BlockProtocol}'s paths and methods decoded
 * into one {@link BlockService} call and its reply. An operation that only names a key is a row
 * here; those with headers or a query of their own are classes. An unknown path is 404
 * UNKNOWN_METHOD, a known path with another method 405.
 */
final class BlockRouter extends Handler.Abstract {
    /**
     * A method and a path shape: fixed leading segments, then {@code args} free ones; {@code name}
     * is what its requests are counted as in the server's metrics.
     */
    private record Route(String name, String method, List<String> fixed, int args, Operation operation) {
        boolean matchesPath(List<String> segments) {
            return segments.size() == fixed.size() + args && segments.subList(0, fixed.size()).equals(fixed);
        }
    }

    private final List<Route> routes;

    BlockRouter(LocalBlockService service) {
        List<String> blocks = segments(BlockProtocol.BLOCKS);
        routes = List.of(
                new Route("put_block", "PUT", blocks, 3, new PutBlock(service)),
                new Route("get_block", "GET", blocks, 3, new GetBlock(service)),
                new Route("delete_block", "DELETE", blocks, 3, (request, response, callback, args) -> {
                    long term = BlockRequestParams.of(request).nonNegativeLong(BlockProtocol.ORDER_TERM, -1);
                    if (term < 0) service.delete(BlockRequestParams.key(args));
                    else service.delete(BlockRequestParams.key(args), term); // a meta master's order
                    BlockReplies.noContent(response, callback); // 204, also when absent
                }),
                new Route("list_blocks", "GET", blocks, 0, new ListBlocks(service)),
                new Route("verify_block", "GET", segments(BlockProtocol.VERIFY), 3, (request, response, callback, args) ->
                        BlockReplies.text(response, callback, 200, service.verify(BlockRequestParams.key(args)).toLine() + "\n")),
                new Route("status", "GET", segments(BlockProtocol.STATUS), 0, (request, response, callback, args) ->
                        BlockReplies.text(response, callback, 200, service.status().toText())),
                new Route("fault_corrupt", "POST", segments(BlockProtocol.FAULT_CORRUPT), 3, (request, response, callback, args) -> {
                    service.corrupt(BlockRequestParams.key(args), BlockRequestParams.of(request).nonNegativeInt("offset", 0));
                    BlockReplies.noContent(response, callback);
                }));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        List<String> path = segments(request.getHttpURI().getPath());
        List<Route> samePath = new ArrayList<>();
        for (Route r : routes) {
            if (!r.matchesPath(path)) continue;
            if (r.method().equals(request.getMethod())) {
                RequestLabels.of(request::getAttribute).operation(r.name());
                r.operation().serve(request, response, callback, path.subList(r.fixed().size(), path.size()));
                return true;
            }
            samePath.add(r);
        }
        if (samePath.isEmpty()) {
            throw new RingFsException(ErrorCode.UNKNOWN_METHOD, "no such block operation: " + request.getHttpURI().getPath());
        }
        String allowed = samePath.stream().map(Route::method).distinct().collect(Collectors.joining(", "));
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        response.getHeaders().put(BlockProtocol.ERROR, ErrorCode.UNKNOWN_METHOD.name());
        BlockReplies.text(response, callback, 405, request.getMethod() + " is not allowed here; use " + allowed + "\n");
        return true;
    }

    private static List<String> segments(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) return List.of();
        String p = path.startsWith("/") ? path.substring(1) : path;
        return Arrays.asList(p.split("/", -1));
    }
}
