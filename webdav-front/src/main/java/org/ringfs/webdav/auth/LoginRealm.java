package org.ringfs.webdav.auth;

import io.milton.http.Auth;
import io.milton.http.Request;
import io.milton.http.http11.auth.DigestResponse;
import io.milton.resource.DigestResource;

import java.util.Date;

/**
 * What Milton's Basic and Digest handlers authenticate against: not a file, the front itself.
 * {@link AccessGate} checks credentials once per request here, before any resource is looked up.
 */
public final class LoginRealm implements DigestResource {
    private final UserDirectory users;
    private final boolean digest;

    public LoginRealm(UserDirectory users, boolean digest) {
        this.users = users;
        this.digest = digest;
    }

    @Override
    public Object authenticate(String user, String password) {
        return users.checkPassword(user, password) ? user : null;
    }

    @Override
    public Object authenticate(DigestResponse response) {
        return digest && users.checkDigest(response) ? response.getUser() : null;
    }

    @Override
    public boolean isDigestAllowed() {
        return digest;
    }

    @Override
    public String getRealm() {
        return UsersFile.REALM;
    }

    @Override
    public String getUniqueId() { return null; }

    @Override
    public String getName() { return ""; }

    @Override
    public boolean authorise(Request request, Request.Method method, Auth auth) { return auth != null; }

    @Override
    public Date getModifiedDate() { return null; }

    @Override
    public String checkRedirect(Request request) { return null; }
}
