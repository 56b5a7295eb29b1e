package org.ringfs.data.http;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a PUT body, one block, into memory, once per request: a handler in front that needs the
 * bytes (the signature check) and the handler that stores them share one array, never a copy. A
 * body shorter than its Content-Length (the client died mid-PUT) is BAD_REQUEST, so nothing is
 * stored. {@link BodySizeLimitHandler} caps how much is read.
 */
final class BlockBodyReader {
    /** The request attribute that keeps a body read earlier in the chain. */
    private static final String BODY = BlockBodyReader.class.getName() + ".body";

    private BlockBodyReader() {}

    /** The body's bytes; the array may be longer than the body for a body sent without a length. */
    static Body read(Request request, int maxBytes) throws RingFsException {
        if (request.getAttribute(BODY) instanceof Body read) return read;
        Body body = readFrom(request, maxBytes);
        request.setAttribute(BODY, body);
        return body;
    }

    private static Body readFrom(Request request, int maxBytes) throws RingFsException {
        long declared = request.getLength();
        if (declared > maxBytes) throw tooLarge(declared, maxBytes);
        try (InputStream in = Content.Source.asInputStream(request)) {
            return declared >= 0 ? readExactly(in, (int) declared) : readToEnd(in, maxBytes);
        } catch (RingFsException e) {
            throw e; // the size limit's TOO_LARGE, raised inside the stream
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "request body broken off: " + e.getMessage(), e);
        }
    }

    private static Body readExactly(InputStream in, int length) throws IOException, RingFsException {
        byte[] bytes = new byte[length];
        int n = in.readNBytes(bytes, 0, length);
        if (n < length) throw new RingFsException(ErrorCode.BAD_REQUEST, "body ended after " + n + " of " + length + " bytes");
        return new Body(bytes, length);
    }

    private static Body readToEnd(InputStream in, int maxBytes) throws IOException, RingFsException {
        byte[] bytes = new byte[64 * 1024];
        int length = 0;
        while (true) {
            if (length == bytes.length) {
                if (length > maxBytes) throw tooLarge(length, maxBytes);
                bytes = Arrays.copyOf(bytes, (int) Math.min((long) maxBytes + 1, 2L * bytes.length));
            }
            int n = in.read(bytes, length, bytes.length - length);
            if (n < 0) return new Body(bytes, length);
            length += n;
        }
    }

    private static RingFsException tooLarge(long length, int maxBytes) {
        return new RingFsException(ErrorCode.TOO_LARGE, "body of " + length + " bytes exceeds " + maxBytes);
    }

    /** The first {@code length} bytes of {@code bytes}. */
    record Body(byte[] bytes, int length) {}
}
