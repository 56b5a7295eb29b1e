package org.ringfs.meta.rpc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A request body that reads itself to the end when closed. The XML-RPC parser stops at the first
 * error (a nesting past the cap, a DOCTYPE), leaving the rest of the body unread; Jetty then closed
 * the connection after the fault without saying so, and a pooling client sent its next call into
 * it and got no reply. The body is already bounded by the size limit, so the drain is bounded too.
 */
final class DrainingRequestBody extends FilterInputStream {
    DrainingRequestBody(InputStream body) { super(body); }

    @Override
    public void close() throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }
}
