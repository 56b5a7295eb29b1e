package org.ringfs.webdav.lock;

import org.ringfs.webdav.dav.DavPath;

/**
 * A granted WebDAV write lock.
 *
 * @param token         "opaquelocktoken:" + a random UUID
 * @param root          the URL path the LOCK named
 * @param exclusive     exclusive or shared
 * @param deep          Depth: infinity (covers every member of a collection) or 0
 * @param ownerXml      the client's DAV:owner element as sent, or null; returned verbatim in lockdiscovery
 * @param principal     the user who took the lock
 * @param timeoutSeconds the granted timeout
 * @param expiresAtMillis when the lock lapses unless refreshed
 */
public record ActiveLock(String token, DavPath root, boolean exclusive, boolean deep, String ownerXml, String principal,
                         long timeoutSeconds, long expiresAtMillis) {

    /** Whether this lock protects {@code path}: it is the root, or the root is a deep lock on an ancestor. */
    public boolean covers(DavPath path) {
        return root.equals(path) || (deep && path.isWithin(root));
    }

    public boolean expiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    public ActiveLock refreshed(long timeoutSeconds, long nowMillis) {
        return new ActiveLock(token, root, exclusive, deep, ownerXml, principal, timeoutSeconds,
                nowMillis + timeoutSeconds * 1000);
    }
}
