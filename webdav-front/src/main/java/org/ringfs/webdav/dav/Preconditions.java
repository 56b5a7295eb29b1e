package org.ringfs.webdav.dav;

import io.milton.http.Request;
import org.ringfs.api.InodeAttributes;

/** If-Match and If-None-Match on a write (RFC 9110 13.1): strong comparison against {@link ETags}. */
final class Preconditions {
    private Preconditions() {}

    /** False when the request must be answered 412; {@code current} is null when nothing exists yet. */
    static boolean etagsAllow(Request request, InodeAttributes current) {
        String ifMatch = Requests.header(request, "If-Match");
        if (ifMatch != null && !matches(ifMatch, current)) return false;
        String ifNoneMatch = Requests.header(request, "If-None-Match");
        return ifNoneMatch == null || !matches(ifNoneMatch, current);
    }

    private static boolean matches(String header, InodeAttributes current) {
        if (current == null) return false;
        if (header.trim().equals("*")) return true;
        String etag = ETags.of(current);
        for (String candidate : header.split(",")) {
            if (candidate.trim().equals(etag)) return true;
        }
        return false;
    }
}
