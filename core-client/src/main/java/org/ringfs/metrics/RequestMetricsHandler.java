package org.ringfs.metrics;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outermost handler of the server shell: every request it takes, refused or served, is counted
 * once it is answered (its callback completes), under its {@link RequestLabels}, with its status,
 * duration and the body bytes read and written.
 */
public final class RequestMetricsHandler extends Handler.Wrapper {
    private final ServerMetrics metrics;
    private final String wire;

    /** @param wire the server's wire: {@code xmlrpc}, {@code block}, {@code webdav} */
    public RequestMetricsHandler(ServerMetrics metrics, String wire, Handler handler) {
        super(handler);
        this.metrics = metrics;
        this.wire = wire;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        RequestLabels labels = new RequestLabels(wire);
        request.setAttribute(RequestLabels.ATTRIBUTE, labels);
        CountedRequest in = new CountedRequest(request);
        CountedResponse out = new CountedResponse(in, response);
        Callback counted = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                record(out.getStatus());
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                record(out.isCommitted() ? out.getStatus() : 500);
                super.failed(x);
            }

            private void record(int status) {
                metrics.served(labels, status, System.nanoTime() - start, in.bytes.get(), out.bytes.get());
            }
        };
        boolean handled;
        try {
            handled = super.handle(in, out, counted);
        } catch (Exception | Error e) {
            // Jetty answers 500 itself and never completes our callback.
            metrics.served(labels, 500, System.nanoTime() - start, in.bytes.get(), out.bytes.get());
            throw e;
        }
        // Jetty answers 404 itself and never completes our callback.
        if (!handled) metrics.served(labels, 404, System.nanoTime() - start, in.bytes.get(), 0);
        return handled;
    }

    /** Counts the body bytes the server reads. */
    private static final class CountedRequest extends Request.Wrapper {
        final AtomicLong bytes = new AtomicLong();

        CountedRequest(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null && !Content.Chunk.isFailure(chunk)) bytes.addAndGet(chunk.remaining());
            return chunk;
        }
    }

    /** Counts the body bytes the server writes. */
    private static final class CountedResponse extends Response.Wrapper {
        final AtomicLong bytes = new AtomicLong();

        CountedResponse(Request request, Response response) {
            super(request, response);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            if (content != null) bytes.addAndGet(content.remaining());
            super.write(last, content, callback);
        }
    }
}
