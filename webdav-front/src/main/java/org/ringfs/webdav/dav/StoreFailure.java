package org.ringfs.webdav.dav;

import org.ringfs.api.RingFsException;

/**
 * A file system error crossing a Milton resource method, whose signature allows only Milton's own
 * exceptions. {@link DavDispatcher} turns it back into the error's HTTP status.
 */
public final class StoreFailure extends RuntimeException {

    public StoreFailure(RingFsException cause) {
        super(cause.getMessage(), cause);
    }

    public RingFsException error() {
        return (RingFsException) getCause();
    }
}
