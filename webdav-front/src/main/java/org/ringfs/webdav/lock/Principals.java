package org.ringfs.webdav.lock;

import io.milton.http.Auth;
import io.milton.http.Request;

/** Who a request acts for: the authenticated user, or "anonymous" on a front opened to anyone. */
final class Principals {
    private Principals() {}

    static String of(Request request) {
        Auth auth = request.getAuthorization();
        return auth == null || auth.getUser() == null ? "anonymous" : auth.getUser();
    }
}
