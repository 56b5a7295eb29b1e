package org.ringfs.webdav.dav;

import org.ringfs.api.RingFsException;
import org.ringfs.api.StatFs;
import org.ringfs.webdav.lock.ActiveLock;
import org.ringfs.webdav.lock.LockDiscovery;

import javax.xml.namespace.QName;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The properties RingFS computes from an inode (RFC 4918 15, RFC 4331 quotas). Clients cannot set
 * them. One instance serves one request, so statfs is asked at most once per PROPFIND.
 */
final class LiveProperties {
    static final List<String> NAMES = List.of("creationdate", "displayname", "getcontentlength", "getcontenttype",
            "getetag", "getlastmodified", "resourcetype", "supportedlock", "lockdiscovery",
            "quota-available-bytes", "quota-used-bytes");
    /** RFC 4331: quotas are computed on demand only, never in allprop. */
    static final List<String> IN_ALLPROP = NAMES.subList(0, 9);

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final DavContext context;
    private StatFs statfs;
    /** The folder a Depth 1 PROPFIND lists, or null: the locks of all it holds come in one question to meta. */
    private final DavPath listed;
    private List<ActiveLock> locksInListed;

    LiveProperties(DavContext context) {
        this(context, null);
    }

    /** @param listed the folder whose members this request describes (Depth 1), or null */
    LiveProperties(DavContext context, DavPath listed) {
        this.context = context;
        this.listed = listed;
    }

    static boolean isLive(QName name) {
        return DavXml.DAV.equals(name.getNamespaceURI()) && NAMES.contains(name.getLocalPart());
    }

    /** Writes the property element; false when the resource has no such property (a folder's length). */
    boolean write(RingResource r, String name, XmlOut out) throws RingFsException {
        switch (name) {
            case "creationdate" -> out.element(name, Instant.ofEpochMilli(r.attributes().ctimeNanos() / 1_000_000).toString());
            case "displayname" -> out.element(name, r.path().name());
            case "getlastmodified" -> out.element(name, HTTP_DATE.format(Instant.ofEpochMilli(r.attributes().mtimeNanos() / 1_000_000)));
            case "getetag" -> out.element(name, ETags.of(r.attributes()));
            case "resourcetype" -> {
                if (r.isCollection()) out.open(name).empty("collection").close(name);
                else out.empty(name);
            }
            case "getcontentlength" -> {
                if (r.isCollection()) return false;
                out.element(name, Long.toString(r.attributes().size()));
            }
            case "getcontenttype" -> {
                if (!(r instanceof RingFile f)) return false;
                out.element(name, f.getContentType(null));
            }
            case "supportedlock" -> LockDiscovery.supportedlock(out);
            case "lockdiscovery" -> LockDiscovery.lockdiscovery(out, covering(r.path()));
            case "quota-available-bytes" -> out.element(name, Long.toString(statfs().freeBytes()));
            case "quota-used-bytes" -> out.element(name, Long.toString(statfs().totalBytes() - statfs().freeBytes()));
            default -> {
                return false;
            }
        }
        return true;
    }

    private StatFs statfs() throws RingFsException {
        if (statfs == null) statfs = context.fs().statfs();
        return statfs;
    }

    /**
     * The locks covering {@code path}. Within the listed folder they are picked from one answer of
     * meta's for the folder and everything below it (a lock covers a member when rooted at it, or
     * deep and rooted at an ancestor, and every such ancestor's lock covers the folder too): a
     * Depth 1 PROPFIND of 2000 files asked meta 2001 times before.
     */
    private List<ActiveLock> covering(DavPath path) {
        if (listed == null || !path.isWithin(listed)) return context.locks().covering(path);
        if (locksInListed == null) locksInListed = context.locks().coveringOrBelow(listed);
        List<ActiveLock> out = new ArrayList<>();
        for (ActiveLock l : locksInListed) {
            if (l.covers(path)) out.add(l);
        }
        return out;
    }
}
