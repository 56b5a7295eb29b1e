package org.ringfs.meta.rpc;

import org.apache.xmlrpc.XmlRpcException;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

/**
 * The faults meta sends: an {@link ErrorCode#faultCode()} and a message. The XmlRpcExceptions built
 * here carry no cause, so nothing but the code and the text can reach the wire.
 */
final class Faults {
    private Faults() {}

    static XmlRpcException of(RingFsException e) {
        return new XmlRpcException(e.code().faultCode(), e.getMessage());
    }

    static XmlRpcException of(ErrorCode code, String message) {
        return new XmlRpcException(code.faultCode(), message);
    }

    static XmlRpcException internal(String method, RuntimeException e) {
        return of(ErrorCode.INTERNAL, method + ": internal error (" + e.getClass().getSimpleName() + "), see the meta log");
    }

    /** Whether a fault code is one of ours (a handler or the dispatcher made it). */
    static boolean isCoded(XmlRpcException e) {
        return e.code != 0 && ErrorCode.ofFault(e.code).faultCode() == e.code;
    }
}
