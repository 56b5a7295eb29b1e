package org.ringfs.meta.rpc;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcHandler;
import org.apache.xmlrpc.XmlRpcRequest;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One XML-RPC method of meta: checks the argument count, lets the subclass decode, call and encode,
 * and turns every failure into a fault with an {@link ErrorCode}: a RingFsException keeps its code
 * and message; anything else is logged here and leaves as INTERNAL with a short message.
 */
abstract class MetaOperation implements XmlRpcHandler {
    private static final Logger log = LoggerFactory.getLogger(MetaOperation.class);

    private final String method;
    private final int arity;
    protected final MetaService meta;

    MetaOperation(String method, int arity, MetaService meta) {
        this.method = method;
        this.arity = arity;
        this.meta = meta;
    }

    String method() { return method; }

    /** What a table-row operation does with its decoded parameters. */
    @FunctionalInterface
    interface Body {
        Object call(MetaService meta, Params params) throws RingFsException;
    }

    /** An operation that only decodes, calls and encodes: a row in the dispatcher's table, not a class. */
    static MetaOperation row(String method, int arity, MetaService meta, Body body) {
        return new MetaOperation(method, arity, meta) {
            @Override
            Object call(Params params) throws RingFsException {
                return body.call(meta, params);
            }
        };
    }

    /** Decodes the parameters, calls meta, returns the XML-RPC value of the result. */
    abstract Object call(Params params) throws RingFsException;

    @Override
    public final Object execute(XmlRpcRequest request) throws XmlRpcException {
        try {
            if (request.getParameterCount() != arity) {
                throw new RingFsException(ErrorCode.BAD_REQUEST,
                        method + " takes " + arity + " arguments, got " + request.getParameterCount());
            }
            return call(new Params(request));
        } catch (RingFsException e) {
            throw Faults.of(e);
        } catch (RuntimeException e) {
            log.error("{} failed", method, e);
            throw Faults.internal(method, e);
        }
    }
}
