package org.ringfs.client;

import org.ringfs.security.ClusterSecret;
import org.ringfs.security.RequestSigner;

import javax.net.ssl.SSLContext;
import java.time.Duration;

/**
 * How a client reaches the cluster and how long it waits.
 *
 * @param metaAddress   host:port of the meta server, or a meta group's members as a comma-separated list
 * @param writePolicy   copies a write waits for
 * @param readWait      how long a read waits while no copy of a block is reachable (the seed waits
 *                      for N-2 servers); {@link #FOREVER} waits without end
 * @param writeWait     how long a write waits for the servers its policy needs; FOREVER allowed
 * @param callTimeout   one network call's timeout
 * @param maxDirtyBlocks blocks an open file buffers before it writes them out (bounds memory)
 * @param readAheadBlocks blocks a sequential reader fetches ahead
 * @param secret        signs every request; null for a cluster that runs open
 * @param tls           speak https to every server, trusting what this context trusts; null: plain http
 * @param attributeTtl  how long {@code stat} may answer from the client's {@link AttributeCache} (zero: off,
 *                      the default here; the CLI and the bench turn it on, see docs/ARCHITECTURE.md)
 */
public record ClientSettings(String metaAddress, WritePolicy writePolicy, Duration readWait, Duration writeWait,
                             Duration callTimeout, int maxDirtyBlocks, int readAheadBlocks, ClusterSecret secret,
                             SSLContext tls, Duration attributeTtl) {

    public ClientSettings {
        if (attributeTtl == null || attributeTtl.isNegative()) {
            throw new IllegalArgumentException("attribute cache time must be zero or more, not " + attributeTtl);
        }
    }

    /** Settings without an attribute cache. */
    public ClientSettings(String metaAddress, WritePolicy writePolicy, Duration readWait, Duration writeWait,
                          Duration callTimeout, int maxDirtyBlocks, int readAheadBlocks, ClusterSecret secret,
                          SSLContext tls) {
        this(metaAddress, writePolicy, readWait, writeWait, callTimeout, maxDirtyBlocks, readAheadBlocks, secret, tls,
                Duration.ZERO);
    }

    /** Wait without end. */
    public static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    /** Settings of a cluster that runs open (no secret). */
    public ClientSettings(String metaAddress, WritePolicy writePolicy, Duration readWait, Duration writeWait,
                          Duration callTimeout, int maxDirtyBlocks, int readAheadBlocks) {
        this(metaAddress, writePolicy, readWait, writeWait, callTimeout, maxDirtyBlocks, readAheadBlocks, null, null);
    }

    /**
     * Read-ahead of 8 blocks: a sequential reader keeps 8 GETs in flight across the servers, enough
     * to hide one server's disk and sync latency (2 left reads waiting on one block at a time).
     */
    static final int DEFAULT_READ_AHEAD_BLOCKS = 8;

    /**
     * Eight dirty blocks: a sequential writer keeps up to 8 blocks in flight (the client's block
     * threads) and commits every 16, so one open file holds at most 16 MiB. Measured on a 5-server
     * loopback cluster, 4, 8 and 32 wrote at about the same rate (100-120 MB/s warm).
     */
    static final int DEFAULT_MAX_DIRTY_BLOCKS = 8;

    public static ClientSettings defaults(String metaAddress) {
        return new ClientSettings(metaAddress, WritePolicy.QUORUM, Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(10), DEFAULT_MAX_DIRTY_BLOCKS, DEFAULT_READ_AHEAD_BLOCKS, null, null);
    }

    public ClientSettings withWritePolicy(WritePolicy p) {
        return new ClientSettings(metaAddress, p, readWait, writeWait, callTimeout, maxDirtyBlocks, readAheadBlocks, secret, tls, attributeTtl);
    }

    public ClientSettings withReadWait(Duration d) {
        return new ClientSettings(metaAddress, writePolicy, d, writeWait, callTimeout, maxDirtyBlocks, readAheadBlocks, secret, tls, attributeTtl);
    }

    public ClientSettings withWriteWait(Duration d) {
        return new ClientSettings(metaAddress, writePolicy, readWait, d, callTimeout, maxDirtyBlocks, readAheadBlocks, secret, tls, attributeTtl);
    }

    /** The same settings, signing with {@code secret} (null: unsigned). */
    public ClientSettings withSecret(ClusterSecret s) {
        return new ClientSettings(metaAddress, writePolicy, readWait, writeWait, callTimeout, maxDirtyBlocks,
                readAheadBlocks, s, tls, attributeTtl);
    }

    /** The same settings over https, trusting what {@code context} trusts (null: plain http). */
    public ClientSettings withTls(SSLContext context) {
        return new ClientSettings(metaAddress, writePolicy, readWait, writeWait, callTimeout, maxDirtyBlocks,
                readAheadBlocks, secret, context, attributeTtl);
    }

    /** The same settings with an attribute cache of {@code ttl} (zero: none). */
    public ClientSettings withAttributeTtl(Duration ttl) {
        return new ClientSettings(metaAddress, writePolicy, readWait, writeWait, callTimeout, maxDirtyBlocks,
                readAheadBlocks, secret, tls, ttl);
    }

    /** A signer over the secret, or null when there is none. */
    public RequestSigner signer() {
        return secret == null ? null : new RequestSigner(secret);
    }

    public static boolean isForever(Duration d) { return d == null || d.getSeconds() >= Long.MAX_VALUE / 2; }
}
