package org.ringfs.data.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.util.List;

/** A block request's path arguments and query parameters, parsed: BAD_REQUEST for anything malformed. */
final class BlockRequestParams {
    private final Fields query;

    private BlockRequestParams(Fields query) {
        this.query = query;
    }

    static BlockRequestParams of(Request request) throws RingFsException {
        try {
            return new BlockRequestParams(Request.extractQueryParameters(request));
        } catch (RuntimeException e) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "malformed query");
        }
    }

    static BlockKey key(List<String> args) throws RingFsException {
        return BlockKey.parse(String.join("/", args));
    }

    static long nonNegativeLong(String text, String what) throws RingFsException {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad(what, text);
        }
        if (v < 0) throw bad(what, text);
        return v;
    }

    private static RingFsException bad(String what, String text) {
        return new RingFsException(ErrorCode.BAD_REQUEST, "bad " + what + " '" + text + "'");
    }

    /** A non-negative int query parameter, or {@code absent} when it is not given. */
    int nonNegativeInt(String name, int absent) throws RingFsException {
        String v = query.getValue(name);
        if (v == null) return absent;
        long n = nonNegativeLong(v, name);
        if (n > Integer.MAX_VALUE) throw bad(name, v);
        return (int) n;
    }

    long nonNegativeLong(String name, long absent) throws RingFsException {
        String v = query.getValue(name);
        return v == null ? absent : nonNegativeLong(v, name);
    }

    String string(String name) {
        return query.getValue(name);
    }
}
