package org.ringfs.meta.rpc;

import org.apache.xmlrpc.XmlRpcRequest;
import org.ringfs.api.RingFsException;
import org.ringfs.api.Wire;

import java.util.Map;

/** The positional parameters of one request, read with the api's Wire rules (BAD_REQUEST on a wrong type). */
final class Params {
    private final XmlRpcRequest request;

    Params(XmlRpcRequest request) { this.request = request; }

    Object raw(int i) { return request.getParameter(i); }

    String string(int i) throws RingFsException { return Wire.stringOf(raw(i)); }

    int integer(int i) throws RingFsException { return Wire.intOf(raw(i)); }

    long longValue(int i) throws RingFsException { return Wire.longOf(raw(i)); }

    boolean bool(int i) throws RingFsException { return Wire.boolOf(raw(i)); }

    byte[] bytes(int i) throws RingFsException { return Wire.bytesOf(raw(i)); }

    Map<String, Object> struct(int i) throws RingFsException { return Wire.struct(raw(i)); }
}
