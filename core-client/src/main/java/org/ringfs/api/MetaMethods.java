package org.ringfs.api;

/**
 * The rules of the meta wire. Its calls are the {@link MetaService} methods, each under its
 * {@link RpcMethod} name ({@link MetaCalls} is the table).
 *
 * <ul>
 *   <li>Endpoint: {@code POST http://HOST:PORT/xmlrpc}; the same calls in binary at
 *       {@code POST http://HOST:PORT/meta-call} ({@link BinaryCall}), which RingFS's own clients use:
 *       the same headers, signature, limits and faults, without the XML.</li>
 *   <li>Parameters are positional, in the order of the {@link MetaService} method; value types go
 *       as the structs of their {@code toWire()}; longs are i8 (the XML-RPC extension), byte[] is
 *       base64, lists are arrays, a null struct is an empty struct and a null string nil
 *       ({@link WireTypes}); a call that returns nothing answers {@code true}.</li>
 *   <li>Errors are faults whose code is {@link ErrorCode#faultCode()} and whose string is the
 *       message. Nothing else rides a fault: no exception, no stack trace.</li>
 *   <li>No Java serialization in either direction, and no DOCTYPE in a request.</li>
 * </ul>
 */
public final class MetaMethods {
    private MetaMethods() {}

    /** Version of this wire; a server refuses a client of another major version. */
    public static final int WIRE_VERSION = 1;

    public static final String PATH = "/xmlrpc";
    /** The binary wire's endpoint ({@link BinaryCall}). */
    public static final String BINARY_PATH = "/meta-call";
    /** The Content-Type of a binary request and answer. */
    public static final String BINARY_TYPE = "application/x-ringfs-meta-call";

    /**
     * Header naming the cluster id a client works with, once it knows it. Meta answers a call whose
     * header names another cluster with HTTP {@link #WRONG_CLUSTER_STATUS} and does nothing: a client
     * never writes into (or reads from) a meta of another cluster, such as one started on an empty store.
     */
    public static final String CLUSTER_HEADER = "X-RingFS-Cluster";
    /** 421 Misdirected Request: this meta does not speak for the cluster the call names. */
    public static final int WRONG_CLUSTER_STATUS = 421;

    /**
     * Header naming a mutating call ({@code CLIENT:SEQUENCE}, unique per client process). Meta keeps
     * the reply of a named call for minutes, written with the mutation, and answers a retry of the
     * same call with it instead of executing it again.
     */
    public static final String CALL_HEADER = "X-RingFS-Call";

    /** Longest name in a directory, in bytes of UTF-8. */
    public static final int NAME_MAX = 255;
    /** Longest symlink target, in bytes of UTF-8: the kernel's PATH_MAX, which symlink(2) enforces too. */
    public static final int PATH_MAX = 4096;
    /**
     * Longest path meta resolves, in bytes of UTF-8. Longer than PATH_MAX on purpose: PATH_MAX bounds
     * one system call's argument, and a process whose working directory lies deep in a mount reaches
     * further with relative names, which a FUSE mount receives as paths from its root (Linux allows
     * any depth). 64 KiB is 256 levels of 255-byte names, and bounds the work one call may ask for.
     */
    public static final int MAX_PATH_BYTES = 64 * 1024;
    /** Largest request body meta accepts, on either wire. */
    public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    /** Largest xattr value. */
    public static final int XATTR_VALUE_MAX = 64 * 1024;
}
