package org.ringfs.fuse.fs;

/** The kernel named a file handle this mount never gave out or already released (EBADF). */
final class UnknownHandleException extends RuntimeException {
    UnknownHandleException(long fh) {
        super("no open file with handle " + fh);
    }
}
