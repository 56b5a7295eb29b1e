package org.ringfs.meta.store;

import com.sleepycat.je.DatabaseException;
import com.sleepycat.je.Durability;
import com.sleepycat.je.Environment;
import com.sleepycat.je.EnvironmentConfig;
import com.sleepycat.je.rep.AppStateMonitor;
import com.sleepycat.je.rep.InsufficientLogException;
import com.sleepycat.je.rep.NetworkRestore;
import com.sleepycat.je.rep.NetworkRestoreConfig;
import com.sleepycat.je.rep.ReplicatedEnvironment;
import com.sleepycat.je.rep.ReplicationConfig;
import com.sleepycat.je.rep.RollbackException;
import com.sleepycat.je.rep.StateChangeListener;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens meta's JE environment: a plain one for a single meta, a {@link ReplicatedEnvironment} for a
 * member of a meta group. A member whose log the group can no longer feed (its store was deleted,
 * or it fell too far behind: InsufficientLogException) copies the log of another member (JE's
 * NetworkRestore) and opens again; one whose log holds commits the group rolled back
 * (RollbackException) opens again, and JE truncates them. No operator is needed for either.
 */
public final class StoreEnvironment {
    private static final Logger log = LoggerFactory.getLogger(StoreEnvironment.class);
    private static final int MAX_OPENS = 10;

    /** What a replicated environment reports to the member: its role changes, and its app state (the call address). */
    public interface Member extends StateChangeListener, AppStateMonitor {}

    private final StoreOptions options;
    private volatile Member member;
    private final AtomicInteger restores = new AtomicInteger();

    StoreEnvironment(StoreOptions options) {
        this.options = options;
    }

    StoreOptions options() { return options; }

    /** How many times this member copied another member's log (network restore) since it started. */
    int restores() { return restores.get(); }

    boolean replicated() { return options.replication() != null; }

    /** Sets who hears of role changes; registered on every environment opened from now on (and call {@link #listen} for the open one). */
    void member(Member m) { this.member = m; }

    /** Registers the member on an open replicated environment. */
    void listen(Environment env) {
        if (member != null && env instanceof ReplicatedEnvironment rep) {
            rep.registerAppStateMonitor(member);
            rep.setStateChangeListener(member);
        }
    }

    Environment open() throws RingFsException {
        EnvironmentConfig ec = new EnvironmentConfig();
        ec.setAllowCreate(true);
        ec.setTransactional(true);
        ec.setCacheSize(options.cacheBytes());
        ec.setConfigParam(EnvironmentConfig.FREE_DISK, Long.toString(options.freeDiskBytes()));
        options.jeParameters().forEach((name, value) -> {
            if (!name.startsWith("je.rep.")) ec.setConfigParam(name, value);
        });
        if (!replicated()) {
            ec.setDurability(Durability.COMMIT_SYNC);
            try {
                return new Environment(options.dir().toFile(), ec);
            } catch (DatabaseException e) {
                throw new RingFsException(ErrorCode.IO_ERROR, "cannot open meta store " + options.dir() + ": " + e.getMessage(), e);
            }
        }
        ec.setDurability(Replication.DURABILITY);
        Replication r = options.replication();
        for (int attempt = 1; ; attempt++) {
            try {
                ReplicationConfig rc = r.config();
                options.jeParameters().forEach((name, value) -> {
                    if (name.startsWith("je.rep.")) rc.setConfigParam(name, value);
                });
                ReplicatedEnvironment env = new ReplicatedEnvironment(options.dir().toFile(), rc, ec);
                log.info("meta member {} of group {} opened its store {} as {}", r.nodeName(), r.groupName(), options.dir(),
                        env.getState());
                listen(env);
                return env;
            } catch (InsufficientLogException e) {
                if (attempt >= MAX_OPENS) throw failed(e);
                log.warn("meta member {}: the group's logs no longer reach back to this store's end (a deleted store, or one"
                        + " too far behind); copying a member's log (network restore)", r.nodeName());
                try {
                    new NetworkRestore().execute(e, new NetworkRestoreConfig().setRetainLogFiles(false));
                    restores.incrementAndGet();
                } catch (DatabaseException | IllegalArgumentException restoreFailure) {
                    log.warn("meta member {}: network restore failed, trying again: {}", r.nodeName(), restoreFailure.toString());
                    pause();
                }
                log.info("meta member {}: network restore done; opening the store again", r.nodeName());
            } catch (RollbackException e) {
                if (attempt >= MAX_OPENS) throw failed(e);
                log.warn("meta member {}: commits the group never acknowledged were rolled back; opening the store again",
                        r.nodeName());
            } catch (DatabaseException e) {
                throw failed(e);
            }
        }
    }

    private RingFsException failed(DatabaseException e) {
        return new RingFsException(ErrorCode.IO_ERROR, "cannot open meta store " + options.dir() + ": " + e.getMessage(), e);
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
