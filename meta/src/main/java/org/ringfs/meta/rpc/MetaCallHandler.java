package org.ringfs.meta.rpc;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcHandler;
import org.apache.xmlrpc.XmlRpcRequest;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaCall;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one row of the call table: decodes the request's arguments with the row's codecs, runs the
 * call on meta, encodes the reply, and turns every failure into a fault with an {@link ErrorCode}:
 * a RingFsException keeps its code and message (a wrong argument count or shape is BAD_REQUEST);
 * anything else is logged here and leaves as INTERNAL with a short message.
 */
final class MetaCallHandler implements XmlRpcHandler {
    private static final Logger log = LoggerFactory.getLogger(MetaCallHandler.class);

    private final MetaCall call;
    private final MetaService meta;

    MetaCallHandler(MetaCall call, MetaService meta) {
        this.call = call;
        this.meta = meta;
    }

    @Override
    public Object execute(XmlRpcRequest request) throws XmlRpcException {
        MetaRpcServlet.callNamed(call.name());
        try {
            Object[] wire = new Object[request.getParameterCount()];
            for (int i = 0; i < wire.length; i++) wire[i] = request.getParameter(i);
            return call.encodeReply(call.invoke(meta, call.decodeArguments(wire)));
        } catch (RingFsException e) {
            throw Faults.of(e);
        } catch (RuntimeException e) {
            log.error("{} failed", call.name(), e);
            throw Faults.internal(call.name(), e);
        }
    }
}
