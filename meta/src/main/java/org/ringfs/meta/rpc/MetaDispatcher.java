package org.ringfs.meta.rpc;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcHandler;
import org.apache.xmlrpc.server.XmlRpcHandlerMapping;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaCall;
import org.ringfs.api.MetaCalls;
import org.ringfs.api.MetaService;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Routes an XML-RPC method name to its row of the call table ({@link MetaCalls}), guarded against
 * retries when it mutates. Only the table's calls can ever run: a name that is not in it is
 * UNKNOWN_METHOD.
 */
public final class MetaDispatcher implements XmlRpcHandlerMapping {
    private final Map<String, XmlRpcHandler> handlers = new TreeMap<>();

    public MetaDispatcher(MetaService meta) {
        this(meta, new RetriedCalls(RetriedCalls.NONE));
    }

    public MetaDispatcher(MetaService meta, RetriedCalls retried) {
        for (MetaCall call : MetaCalls.all()) handlers.put(call.name(), retried.guard(call, new MetaCallHandler(call, meta)));
    }

    /** The method names this dispatcher serves. */
    public Set<String> methods() { return handlers.keySet(); }

    @Override
    public XmlRpcHandler getHandler(String method) throws XmlRpcException {
        XmlRpcHandler h = method == null ? null : handlers.get(method);
        if (h == null) throw Faults.of(ErrorCode.UNKNOWN_METHOD, "no method '" + method + "' on meta");
        return h;
    }
}
