package org.ringfs.fuse.fs;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a FUSE callback returns when it fails: the negated errno. A {@link RingFsException} carries
 * its own; anything else is a bug or an unexpected failure, logged with its trace, and EIO.
 */
public final class ErrnoTable {
    private static final Logger log = LoggerFactory.getLogger(ErrnoTable.class);

    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int EACCES = 13;
    public static final int ERANGE = 34;
    public static final int ESTALE = 116;

    private ErrnoTable() {}

    /** The negative errno a callback returns for {@code code}. */
    public static int negative(ErrorCode code) {
        return -code.errno();
    }

    /** The negative errno for a failure of {@code operation} on {@code path}, logged as it deserves. */
    public static int negative(String operation, String path, Throwable failure) {
        if (failure instanceof RingFsException e) {
            if (e.code().next() == ErrorCode.Next.FAIL && e.code().errno() != EIO) {
                // ENOENT, EEXIST, ENOTEMPTY...: the caller asked something the namespace refuses.
                log.debug("{} {}: {}", operation, path, e.toString());
            } else {
                log.warn("{} {}: {}", operation, path, e.toString());
            }
            return negative(e.code());
        }
        if (failure instanceof UnknownHandleException) {
            log.warn("{} {}: {}", operation, path, failure.getMessage());
            return -EBADF;
        }
        log.error("{} {} failed unexpectedly", operation, path, failure);
        return -EIO;
    }
}
