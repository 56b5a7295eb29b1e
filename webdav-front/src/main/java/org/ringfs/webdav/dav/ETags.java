package org.ringfs.webdav.dav;

import io.milton.http.http11.ETagGenerator;
import io.milton.resource.Resource;
import org.ringfs.api.InodeAttributes;

/**
 * Strong entity tags from what changes when the bytes change: inode id (a replacing PUT makes a
 * new inode), modification time and size. Never read the bytes to make one.
 */
public final class ETags implements ETagGenerator {

    public static String of(InodeAttributes a) {
        return "\"" + Long.toHexString(a.id()) + "-" + Long.toHexString(a.mtimeNanos()) + "-" + Long.toHexString(a.size()) + "\"";
    }

    @Override
    public String generateEtag(Resource resource) {
        return resource instanceof RingResource r ? of(r.attributes()) : null;
    }
}
