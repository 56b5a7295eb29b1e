package org.ringfs.data.server;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.LongSupplier;

/**
 * Whose word this data server takes, and whether it may delete now. The server belongs to the
 * cluster whose id it keeps in DIR/cluster-id, next to DIR/name and outside the store, so a lost
 * store still belongs to the cluster. It records meta's id the first time meta grants delete
 * authority (so a blank meta, which never grants it to a server holding data, cannot claim a
 * server that has no id yet), and from then on refuses a meta of another cluster: it deletes
 * nothing and reconciles nothing until its own meta answers again.
 *
 * <p>It may delete only while the id is recorded, meta's last reply carried that id and granted
 * deletes, and no heartbeat has failed since: a meta that restarts on another store is down for a
 * beat or more, which withdraws the grant before the new meta is heard.
 */
public final class MetaAuthority {
    /** The file in the server's directory that holds the cluster id. */
    public static final String FILE = "cluster-id";

    private static final Logger log = LoggerFactory.getLogger(MetaAuthority.class);
    private static final long LOG_EVERY_MILLIS = 60_000;

    private final Path file;
    private final String server;
    private final LongSupplier clock;
    private String clusterId;
    private String refusal = "";
    private boolean deletesAllowed;
    private long refusalLoggedAt = Long.MIN_VALUE / 2;

    /** Reads DIR/cluster-id if the server has one. */
    public MetaAuthority(Path dir, String server, LongSupplier clock) throws RingFsException {
        this.file = dir.resolve(FILE);
        this.server = server;
        this.clock = clock;
        this.clusterId = read(file);
    }

    private static String read(Path file) throws RingFsException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The cluster this server belongs to; "" while it has none recorded. */
    public synchronized String clusterId() { return clusterId; }

    /** Why this server refuses its meta, one line; "" when it does not. */
    public synchronized String refusal() { return refusal; }

    /** Meta answered a heartbeat: record its id (first grant), or refuse it (another cluster), or take its word. */
    public synchronized void accept(HeartbeatReply reply) throws RingFsException {
        if (clusterId.isEmpty()) {
            if (!reply.deletesAllowed() || reply.clusterId().isEmpty()) {
                deletesAllowed = false;
                clearRefusal();
                return;
            }
            record(reply.clusterId());
        }
        if (!clusterId.equals(reply.clusterId())) {
            refuse("meta belongs to cluster " + reply.clusterId() + " but " + server + " to cluster " + clusterId);
            return;
        }
        clearRefusal();
        deletesAllowed = reply.deletesAllowed();
    }

    /** Meta refused this server's heartbeat with {@link ErrorCode#WRONG_CLUSTER}. */
    public synchronized void refusedByMeta(RingFsException e) {
        refuse("meta refuses " + server + ": " + e.getMessage());
    }

    /** Meta did not answer (or failed otherwise): no grant until it answers again. */
    public synchronized void unreachable() {
        deletesAllowed = false;
    }

    /** Throws, saying why, unless this server may delete a copy now. */
    public synchronized void checkMayDelete() throws RingFsException {
        if (!refusal.isEmpty()) {
            throw new RingFsException(ErrorCode.WRONG_CLUSTER, server + " deletes nothing: " + refusal);
        }
        if (clusterId.isEmpty()) {
            throw new RingFsException(ErrorCode.UNAVAILABLE, server + " deletes nothing: meta has not yet granted"
                    + " delete authority to it (no cluster id recorded)");
        }
        if (!deletesAllowed) {
            throw new RingFsException(ErrorCode.UNAVAILABLE, server + " deletes nothing now: meta of cluster " + clusterId
                    + " has not granted delete authority (safe mode after its start, an older-store alarm, or meta"
                    + " unreachable; see ringfs status)");
        }
    }

    private void refuse(String why) {
        deletesAllowed = false;
        refusal = why + "; it deletes nothing and does not reconcile. Restore meta's store of cluster " + clusterId
                + " (or point the server at its own meta)";
        long now = clock.getAsLong();
        if (now - refusalLoggedAt >= LOG_EVERY_MILLIS) {
            refusalLoggedAt = now;
            log.error("REFUSING META (logged once a minute): {}", refusal);
        }
    }

    private void clearRefusal() {
        if (refusal.isEmpty()) return;
        refusal = "";
        refusalLoggedAt = Long.MIN_VALUE / 2;
        log.warn("meta of cluster {} answers {} again: taking its word", clusterId, server);
    }

    /** Written aside, synced, moved into place and the directory synced: a crash leaves the old file or the new. */
    private void record(String id) throws RingFsException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot record the cluster id in " + file + ": " + e.getMessage(), e);
        }
        clusterId = id;
        log.info("{} belongs to cluster {} from now on (recorded in {})", server, id, file);
    }
}
