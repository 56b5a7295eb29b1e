package org.ringfs.server;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.metrics.RequestLabels;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A server's own handler for shell tests: names its operation "echo" and answers "got " and the body it read. */
public final class EchoHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        RequestLabels.of(request::getAttribute).operation("echo");
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readAllBytes();
        }
        response.setStatus(200);
        Content.Sink.write(response, true, "got " + new String(body, StandardCharsets.UTF_8), callback);
        return true;
    }
}
