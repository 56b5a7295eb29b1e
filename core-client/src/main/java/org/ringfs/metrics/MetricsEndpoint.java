package org.ringfs.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.security.MetricsToken;
import org.ringfs.server.ErrorReplies;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Answers {@code GET /metrics} (and HEAD) with the server's registry in Prometheus' text format,
 * and passes every other request on to the server. The WebDAV front's drive may hold a file of
 * that name at its root, so other methods on {@code /metrics} are the server's, and so is a GET
 * or HEAD that carries credentials of another scheme than Bearer (a drive user's Basic login):
 * a scrape carries a bearer token or nothing. With a token (a cluster with a secret) a scrape
 * must carry {@code Authorization: Bearer TOKEN}; without one, or with another, it gets 401
 * UNAUTHENTICATED, counted as the refusal {@code metrics_token}. Without a token (an open
 * cluster) the metrics are as open as the rest of the server. It sits in front of the signature
 * check: Prometheus cannot sign.
 */
public final class MetricsEndpoint extends Handler.Wrapper {
    /** Where every RingFS server and front serves its metrics. */
    public static final String PATH = "/metrics";
    /** The wire a scrape is counted under. */
    static final String WIRE = "metrics";

    private final ServerMetrics metrics;
    private final MetricsToken token; // null: open
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** @param token the bearer token a scrape must carry; null for an open cluster */
    public MetricsEndpoint(ServerMetrics metrics, MetricsToken token, Handler server) {
        super(server);
        this.metrics = metrics;
        this.token = token;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        boolean otherScheme = authorization != null && !authorization.regionMatches(true, 0, "Bearer", 0, 6);
        boolean scrape = (method.equals("GET") || method.equals("HEAD")) && !otherScheme;
        if (!scrape || !PATH.equals(request.getHttpURI().getPath())) return super.handle(request, response, callback);
        RequestLabels labels = RequestLabels.of(request::getAttribute);
        labels.wire(WIRE);
        labels.operation("scrape");
        if (token != null && !token.matches(bearer(authorization))) {
            metrics.refused(Refusal.METRICS_TOKEN);
            ErrorReplies.send(response, callback, new RingFsException(ErrorCode.UNAUTHENTICATED,
                    "metrics need the bearer token of the cluster secret (ringfs metrics-token)"), false,
                    headers -> headers.put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"ringfs metrics\""));
            return true;
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream(16 * 1024);
        writer.write(text, metrics.scrape());
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, writer.getContentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] bytes = text.toByteArray();
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(bytes), callback);
        return true;
    }

    /**
     * The server's own handler of a process that serves nothing but its metrics (a FUSE mount's
     * {@code --metrics-listen}): every other path is 404 NOT_FOUND.
     */
    public static Handler nothingElse() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                ErrorReplies.send(response, callback, new RingFsException(ErrorCode.NOT_FOUND,
                        "only " + PATH + " is served here"), false);
                return true;
            }
        };
    }

    /** The token after "Bearer " (the scheme's case ignored), or null. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7) return null;
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return authorization.substring(7).trim();
    }
}
