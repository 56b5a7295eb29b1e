package org.ringfs.webdav.lock;

import org.ringfs.webdav.dav.XmlOut;

import java.util.List;

/** The DAV:lockdiscovery and DAV:supportedlock property values (RFC 4918 15.8, 15.10). */
public final class LockDiscovery {
    private LockDiscovery() {}

    public static void lockdiscovery(XmlOut out, List<ActiveLock> locks) {
        out.open("lockdiscovery");
        for (ActiveLock l : locks) activeLock(out, l);
        out.close("lockdiscovery");
    }

    public static void activeLock(XmlOut out, ActiveLock l) {
        out.open("activelock");
        out.open("locktype").empty("write").close("locktype");
        out.open("lockscope").empty(l.exclusive() ? "exclusive" : "shared").close("lockscope");
        out.element("depth", l.deep() ? "infinity" : "0");
        if (l.ownerXml() != null) out.raw(l.ownerXml());
        out.element("timeout", "Second-" + l.timeoutSeconds());
        out.open("locktoken").element("href", l.token()).close("locktoken");
        out.open("lockroot").element("href", l.root().href(false)).close("lockroot");
        out.close("activelock");
    }

    public static void supportedlock(XmlOut out) {
        out.open("supportedlock");
        for (String scope : new String[] {"exclusive", "shared"}) {
            out.open("lockentry");
            out.open("lockscope").empty(scope).close("lockscope");
            out.open("locktype").empty("write").close("locktype");
            out.close("lockentry");
        }
        out.close("supportedlock");
    }
}
