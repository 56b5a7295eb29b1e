package org.ringfs.data.server;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.RingFsException;
import org.ringfs.data.store.DeleteGate;
import org.ringfs.data.store.StaleTermException;
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
 *
 * <p>Meta may be a group whose master changes at elections; each master has a term that grows at
 * every election (a single meta is term 0). The server records the newest term it has seen of its
 * own cluster in DIR/meta-term (beside the cluster id, written the same way, read at start). A
 * heartbeat reply of an older term comes from a deposed master still talking: it grants nothing. A
 * delete order is obeyed only through {@link #checkOrder(long)}: never one of an older term, and one
 * of a newer term first raises the recorded term, and waits for that master's own grant.
 */
public final class MetaAuthority implements DeleteGate {
    /** The file in the server's directory that holds the cluster id. */
    public static final String FILE = "cluster-id";
    /** The file in the server's directory that holds the newest meta term seen. */
    public static final String TERM_FILE = "meta-term";

    private static final Logger log = LoggerFactory.getLogger(MetaAuthority.class);
    private static final long LOG_EVERY_MILLIS = 60_000;

    private final Path file;
    private final Path termFile;
    private final String server;
    private final LongSupplier clock;
    private String clusterId;
    private String refusal = "";
    private boolean deletesAllowed;
    private long refusalLoggedAt = Long.MIN_VALUE / 2;
    /** The newest meta term seen; grants and orders of older terms are refused. */
    private long term;
    /** The term of the last heartbeat reply when it was older than {@link #term}; -1 when it was not. */
    private long deposedTerm = -1;
    private long deposedLoggedAt = Long.MIN_VALUE / 2;

    /** Reads DIR/cluster-id and DIR/meta-term if the server has them. */
    public MetaAuthority(Path dir, String server, LongSupplier clock) throws RingFsException {
        this.file = dir.resolve(FILE);
        this.termFile = dir.resolve(TERM_FILE);
        this.server = server;
        this.clock = clock;
        this.clusterId = read(file);
        this.term = readTerm(termFile);
    }

    private static long readTerm(Path file) throws RingFsException {
        String text = read(file);
        if (text.isEmpty()) return 0;
        try {
            long t = Long.parseLong(text);
            if (t < 0) throw new NumberFormatException("negative");
            return t;
        } catch (NumberFormatException e) {
            // Starting at term 0 would let a deposed master order deletes again: refuse to guess.
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot read the meta term in " + file + ": '" + text
                    + "' is not a term; put back the newest term of the cluster's meta (ringfs status) or remove the file", e);
        }
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

    /** The newest meta term this server has seen (recorded in DIR/meta-term). */
    public synchronized long term() { return term; }

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
        if (reply.term() < term) {
            deposed(reply.term());
            return;
        }
        if (reply.term() > term) raiseTerm(reply.term());
        clearDeposed();
        deletesAllowed = reply.deletesAllowed();
    }

    /**
     * The one rule for delete orders: throws unless this server may carry out now an order (a freed
     * page, a live-generations verdict) that meta's master of {@code orderTerm} gave. Besides
     * {@link #checkMayDelete()}, an order of a term older than the newest seen is refused
     * ({@link StaleTermException}); one of a newer term raises the recorded term first and is refused
     * until that master's own heartbeat reply grants deletes (the grant came from an older master).
     */
    @Override
    public synchronized void checkOrder(long orderTerm) throws RingFsException {
        if (orderTerm < term) throw new StaleTermException(server, "an order", orderTerm, term);
        checkMayDelete(); // our own cluster's meta granted: only then may its order raise the term
        if (orderTerm > term) {
            raiseTerm(orderTerm);
            throw new RingFsException(ErrorCode.UNAVAILABLE, server + " deletes nothing yet: meta's master of term "
                    + orderTerm + " has not granted delete authority (the grant it holds came from an older term)");
        }
    }

    /** {@link #checkMayDelete()}: the gate for deletes that carry no meta term. */
    @Override
    public void check() throws RingFsException {
        checkMayDelete();
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
        if (deposedTerm >= 0) {
            throw new RingFsException(ErrorCode.UNAVAILABLE, server + " deletes nothing now: the meta answering it is a"
                    + " deposed master of term " + deposedTerm + " (it has seen term " + term + ")");
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

    private void deposed(long replyTerm) {
        deletesAllowed = false;
        deposedTerm = replyTerm;
        long now = clock.getAsLong();
        if (now - deposedLoggedAt >= LOG_EVERY_MILLIS) {
            deposedLoggedAt = now;
            log.error("DEPOSED META MASTER (logged once a minute): meta answering {} is of term {} but {} has seen term {};"
                    + " it grants no deletes", server, replyTerm, server, term);
        }
    }

    private void clearDeposed() {
        if (deposedTerm < 0) return;
        deposedTerm = -1;
        deposedLoggedAt = Long.MIN_VALUE / 2;
        log.warn("meta of term {} answers {} again: taking its word", term, server);
    }

    /** Records a newer term before anything of it is obeyed; the grant of the older term is withdrawn. */
    private void raiseTerm(long newer) throws RingFsException {
        deletesAllowed = false;
        write(termFile, Long.toString(newer), "the meta term");
        log.info("{} takes meta's word from term {} on (was {}; recorded in {})", server, newer, term, termFile);
        term = newer;
    }

    private void record(String id) throws RingFsException {
        write(file, id, "the cluster id");
        clusterId = id;
        log.info("{} belongs to cluster {} from now on (recorded in {})", server, id, file);
    }

    /** Written aside, synced, moved into place and the directory synced: a crash leaves the old file or the new. */
    private static void write(Path target, String value, String what) throws RingFsException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot record " + what + " in " + target + ": " + e.getMessage(), e);
        }
    }
}
