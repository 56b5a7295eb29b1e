package org.ringfs.data.rebuild;

import org.ringfs.api.RingFsException;

/** Whether this server may act on meta's delete records now; throws, saying why, when it may not. */
@FunctionalInterface
public interface DeleteGate {
    void check() throws RingFsException;

    /** For a server that trusts its meta without asking (tests of one server). */
    DeleteGate OPEN = () -> { };
}
