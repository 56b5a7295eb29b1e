package org.ringfs.webdav.dav;

import io.milton.http.Filter;
import io.milton.http.FilterChain;
import io.milton.http.Request;
import io.milton.http.Response;

import java.net.URI;

/**
 * COPY and MOVE stay on this server: a Destination naming another host is answered 502 (RFC 4918
 * 9.8.5), one naming the source itself 403, a missing or unreadable one 400.
 */
public final class DestinationGuard implements Filter {

    @Override
    public void process(FilterChain chain, Request request, Response response) {
        Request.Method m = request.getMethod();
        if (m == Request.Method.COPY || m == Request.Method.MOVE) {
            int refusal = refusal(request);
            if (refusal != 0) {
                Replies.empty(response, refusal);
                return;
            }
        }
        chain.process(request, response);
    }

    private static int refusal(Request request) {
        String destination = request.getDestinationHeader();
        if (destination == null || destination.isBlank()) return 400;
        URI uri;
        try {
            uri = URI.create(destination.trim());
        } catch (IllegalArgumentException e) {
            return 400;
        }
        if (uri.getRawAuthority() != null) {
            String host = request.getHostHeader();
            if (host == null || !host.equalsIgnoreCase(uri.getRawAuthority())) return 502;
        }
        if (DavPath.ofUri(destination.trim()).equals(Requests.target(request))) return 403;
        return 0;
    }
}
