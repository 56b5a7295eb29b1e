package org.ringfs.data.rebuild;

import org.ringfs.api.BlockService;
import org.ringfs.api.RingFsException;

/** The other data servers by name. */
@FunctionalInterface
public interface Peers {
    /** The server's block service; UNAVAILABLE when it is unknown or known to be dead. */
    BlockService peer(String name) throws RingFsException;
}
