package org.ringfs.api;

import java.util.HashMap;
import java.util.Map;

/**
 * Every failure RingFS reports, with the errno a mount returns, the HTTP status a server or the
 * WebDAV front answers, the XML-RPC fault code, and what the caller does next.
 */
public enum ErrorCode {
    // Namespace errors: POSIX says what they mean.
    NOT_FOUND(1, 2, 404, Next.FAIL),            // ENOENT
    EXISTS(2, 17, 409, Next.FAIL),              // EEXIST
    NOT_DIRECTORY(3, 20, 409, Next.FAIL),       // ENOTDIR
    IS_DIRECTORY(4, 21, 409, Next.FAIL),        // EISDIR
    NOT_EMPTY(5, 39, 409, Next.FAIL),           // ENOTEMPTY
    INVALID(6, 22, 400, Next.FAIL),             // EINVAL, e.g. a directory renamed into itself
    NAME_TOO_LONG(7, 36, 414, Next.FAIL),       // ENAMETOOLONG
    PERMISSION_DENIED(8, 13, 403, Next.FAIL),   // EACCES
    NOT_PERMITTED(9, 1, 403, Next.FAIL),        // EPERM
    NO_SPACE(10, 28, 507, Next.FAIL),           // ENOSPC
    NO_ATTRIBUTE(11, 61, 404, Next.FAIL),       // ENODATA: no such xattr
    RANGE(12, 34, 400, Next.FAIL),              // ERANGE
    TOO_MANY_LINKS(13, 31, 409, Next.FAIL),     // EMLINK
    LOOP(14, 40, 508, Next.FAIL),               // ELOOP
    FILE_TOO_BIG(15, 27, 413, Next.FAIL),       // EFBIG
    STALE(16, 116, 410, Next.FAIL),             // ESTALE: the inode behind an open handle is gone
    NOT_SUPPORTED(17, 95, 501, Next.FAIL),      // ENOTSUP
    // Another writer committed the block since this writer read it: re-read, merge, commit again.
    CONFLICT(18, 11, 409, Next.RETRY),          // EAGAIN
    // A WebDAV lock another client holds covers the resource (RFC 4918 423 Locked).
    LOCKED(19, 11, 423, Next.FAIL),             // EAGAIN

    // Block and cluster errors: the caller tries another copy, waits, or repairs.
    BLOCK_NOT_FOUND(30, 5, 404, Next.OTHER_COPY),
    WRONG_GENERATION(31, 5, 409, Next.OTHER_COPY),
    CORRUPT(32, 5, 500, Next.OTHER_COPY),           // a stored copy fails its checksum
    CHECKSUM_MISMATCH(33, 5, 422, Next.RETRY),      // bytes sent do not match the checksums sent
    UNAVAILABLE(34, 5, 503, Next.OTHER_COPY),       // server unreachable, or too few servers alive
    TIMED_OUT(35, 5, 504, Next.FAIL),               // waited as long as the settings allow
    FAULT_INJECTION_DISABLED(36, 1, 403, Next.FAIL),
    // The writer's session with meta ended (it stopped renewing it for longer than meta waits): its
    // uncommitted generations may be gone. Open a new session and store the blocks again.
    SESSION_EXPIRED(39, 5, 409, Next.RETRY),
    // Meta and a data server belong to different clusters (another meta store): neither obeys the other.
    WRONG_CLUSTER(37, 5, 409, Next.FAIL),
    // This meta member is a replica of a meta group: only the master carries out calls. The message
    // names the master when the member knows it ({@link MetaRedirect}); the caller sends the call there,
    // or, while an election runs, tries the other members until its failover window ends.
    NOT_MASTER(40, 5, 503, Next.RETRY),

    // Request errors.
    UNAUTHENTICATED(50, 13, 401, Next.FAIL),
    TOO_LARGE(51, 27, 413, Next.FAIL),
    BAD_REQUEST(52, 22, 400, Next.FAIL),
    UNKNOWN_METHOD(53, 38, 404, Next.FAIL),         // ENOSYS
    IO_ERROR(54, 5, 500, Next.FAIL),
    INTERNAL(55, 5, 500, Next.FAIL);

    /** What a caller does after this error. */
    public enum Next { FAIL, RETRY, OTHER_COPY }

    private static final Map<Integer, ErrorCode> BY_FAULT = new HashMap<>();

    static {
        for (ErrorCode c : values()) {
            if (BY_FAULT.put(c.faultCode, c) != null) {
                throw new ExceptionInInitializerError("duplicate fault code " + c.faultCode);
            }
        }
    }

    private final int faultCode;
    private final int errno;
    private final int httpStatus;
    private final Next next;

    ErrorCode(int faultCode, int errno, int httpStatus, Next next) {
        this.faultCode = faultCode;
        this.errno = errno;
        this.httpStatus = httpStatus;
        this.next = next;
    }

    /** The XML-RPC fault code (stable across versions: never reuse a number). */
    public int faultCode() { return faultCode; }

    /** The positive errno a FUSE operation returns negated. */
    public int errno() { return errno; }

    public int httpStatus() { return httpStatus; }

    public Next next() { return next; }

    /** The code for a fault code read off the wire; unknown codes are INTERNAL. */
    public static ErrorCode ofFault(int faultCode) {
        return BY_FAULT.getOrDefault(faultCode, INTERNAL);
    }

    /** The code for the X-RingFS-Error header of a block response; unknown names are INTERNAL. */
    public static ErrorCode ofName(String name) {
        if (name == null) return INTERNAL;
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            return INTERNAL;
        }
    }
}
