package org.ringfs.api;

import java.util.Map;

/**
 * A WebDAV write lock kept by meta, so every WebDAV front over one cluster sees it and it outlives
 * the front that granted it. Meta's clock decides expiry; an expired lock is never returned.
 *
 * @param token           "opaquelocktoken:" + a random UUID
 * @param root            the normalised path the LOCK named
 * @param exclusive       exclusive or shared
 * @param deep            depth infinity (covers everything below root) or depth 0
 * @param ownerXml        the client's DAV:owner element as sent, or null
 * @param principal       the user who took the lock
 * @param timeoutSeconds  the granted timeout
 * @param expiresAtMillis meta's clock reading at which the lock lapses unless refreshed
 */
public record DavLock(String token, String root, boolean exclusive, boolean deep, String ownerXml, String principal,
                      long timeoutSeconds, long expiresAtMillis) {

    /** Whether this lock protects {@code path}: rooted at it, or deep and rooted at an ancestor. */
    public boolean covers(String path) {
        return root.equals(path) || (deep && isBelow(path, root));
    }

    /** Whether this lock is rooted strictly below {@code path}. */
    public boolean rootedBelow(String path) {
        return isBelow(root, path);
    }

    public boolean expiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /** {@code path} is a strict descendant of {@code ancestor}; both normalised and absolute. */
    public static boolean isBelow(String path, String ancestor) {
        if (path.equals(ancestor)) return false;
        return ancestor.equals("/") || path.startsWith(ancestor + "/");
    }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("token", token);
        s.put("root", root);
        s.put("exclusive", exclusive);
        s.put("deep", deep);
        if (ownerXml != null) s.put("ownerXml", ownerXml);
        s.put("principal", principal);
        s.put("timeoutSeconds", timeoutSeconds);
        s.put("expiresAtMillis", expiresAtMillis);
        return s;
    }

    public static DavLock fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        String owner = s.containsKey("ownerXml") ? Wire.stringOf(s, "ownerXml") : null;
        return new DavLock(Wire.stringOf(s, "token"), Wire.stringOf(s, "root"), Wire.boolOf(s, "exclusive"),
                Wire.boolOf(s, "deep"), owner, Wire.stringOf(s, "principal"), Wire.longOf(s, "timeoutSeconds"),
                Wire.longOf(s, "expiresAtMillis"));
    }
}
