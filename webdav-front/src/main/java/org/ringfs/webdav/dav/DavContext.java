package org.ringfs.webdav.dav;

import org.ringfs.client.RingFileSystem;
import org.ringfs.webdav.lock.LockStore;

/** What every resource and handler of one WebDAV front shares: the file system and the locks. */
public record DavContext(RingFileSystem fs, LockStore locks) {
}
