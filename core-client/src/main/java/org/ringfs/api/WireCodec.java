package org.ringfs.api;

/**
 * How one Java type of {@link MetaService}'s signatures travels as an XML-RPC value. Decoding a
 * value of the wrong shape is a {@link ErrorCode#BAD_REQUEST}, never a ClassCastException.
 */
interface WireCodec {
    Object encode(Object value);

    Object decode(Object wire) throws RingFsException;
}
