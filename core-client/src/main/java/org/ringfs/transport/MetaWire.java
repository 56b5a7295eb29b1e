package org.ringfs.transport;

import org.apache.xmlrpc.XmlRpcException;

/**
 * How one meta call reaches a member and its answer comes back: in binary ({@link BinaryMetaWire},
 * what RingFS's clients speak) or in XML-RPC ({@link XmlRpcMetaWire}). Both report a failure as the
 * XML-RPC client does (a coded fault, an HTTP status, an IOException in the cause chain), so
 * {@link MetaCallSender} turns either into the same RingFsException.
 */
interface MetaWire {
    /**
     * Sends call {@code method} with its wire arguments to {@code member} (HOST:PORT) once.
     *
     * @return the reply's wire value
     */
    Object execute(String member, String method, Object[] params) throws XmlRpcException;
}
