package org.ringfs.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a meta replica names the master in a {@link ErrorCode#NOT_MASTER} fault: the fault's message
 * ends with {@code master=HOST:PORT} (the master's call address), or {@code master=?} while no
 * master is known (an election is running, or too few members are up to hold one).
 */
public final class MetaRedirect {
    private static final Pattern MASTER = Pattern.compile("master=([^\\s]+)$");
    private static final String UNKNOWN = "?";

    private MetaRedirect() {}

    /** The fault a replica answers with; {@code master} null when no master is known. */
    public static RingFsException notMaster(String member, String master) {
        return new RingFsException(ErrorCode.NOT_MASTER, "meta member " + member + " is not the master; master="
                + (master == null || master.isEmpty() ? UNKNOWN : master));
    }

    /** The master's call address a NOT_MASTER fault names; empty when it names none. */
    public static Optional<String> master(RingFsException fault) {
        if (fault.code() != ErrorCode.NOT_MASTER || fault.getMessage() == null) return Optional.empty();
        Matcher m = MASTER.matcher(fault.getMessage());
        if (!m.find() || m.group(1).equals(UNKNOWN)) return Optional.empty();
        return Optional.of(m.group(1));
    }
}
