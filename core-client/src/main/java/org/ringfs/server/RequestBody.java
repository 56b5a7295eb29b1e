package org.ringfs.server;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A request body read into memory once per request: the signature check and the handler behind it
 * (a data server storing a block, meta's XML-RPC servlet) share one array, never a copy. A body
 * shorter than its Content-Length (the client died mid-request) is BAD_REQUEST, one over the cap
 * TOO_LARGE; {@link BodySizeLimitHandler} in front caps a body sent without a length.
 */
public final class RequestBody {
    /** The request attribute that keeps a body read earlier in the chain. */
    private static final String BODY = RequestBody.class.getName() + ".body";

    private final byte[] bytes;
    private final int length;

    private RequestBody(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** The first {@link #length()} bytes are the body; the array may be longer for a body sent without a length. */
    public byte[] bytes() { return bytes; }

    public int length() { return length; }

    /** The request's body, read now or earlier in the chain. */
    public static RequestBody read(Request request, int maxBytes) throws RingFsException {
        if (request.getAttribute(BODY) instanceof RequestBody read) return read;
        RequestBody body = readFrom(request, maxBytes);
        request.setAttribute(BODY, body);
        return body;
    }

    /** The request as the handlers behind see it: its body served from these bytes in memory. */
    Request replaying(Request request) {
        return new Replaying(request, ByteBuffer.wrap(bytes, 0, length));
    }

    private static RequestBody readFrom(Request request, int maxBytes) throws RingFsException {
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

    private static RequestBody readExactly(InputStream in, int length) throws IOException, RingFsException {
        byte[] bytes = new byte[length];
        int n = in.readNBytes(bytes, 0, length);
        if (n < length) throw new RingFsException(ErrorCode.BAD_REQUEST, "body ended after " + n + " of " + length + " bytes");
        return new RequestBody(bytes, length);
    }

    private static RequestBody readToEnd(InputStream in, int maxBytes) throws IOException, RingFsException {
        byte[] bytes = new byte[64 * 1024];
        int length = 0;
        while (true) {
            if (length == bytes.length) {
                if (length > maxBytes) throw tooLarge(length, maxBytes);
                bytes = Arrays.copyOf(bytes, (int) Math.min((long) maxBytes + 1, 2L * bytes.length));
            }
            int n = in.read(bytes, length, bytes.length - length);
            if (n < 0) {
                if (length > maxBytes) throw tooLarge(length, maxBytes);
                return new RequestBody(bytes, length);
            }
            length += n;
        }
    }

    private static RingFsException tooLarge(long length, int maxBytes) {
        return new RingFsException(ErrorCode.TOO_LARGE, "body of " + length + " bytes exceeds " + maxBytes);
    }

    /** The request with its body already read: a servlet behind reads these bytes. */
    private static final class Replaying extends Request.Wrapper {
        private Content.Chunk next;

        Replaying(Request request, ByteBuffer body) {
            super(request);
            this.next = Content.Chunk.from(body, true);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = next;
            next = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // every byte is in memory: always readable
        }
    }
}
