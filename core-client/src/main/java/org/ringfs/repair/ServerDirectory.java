package org.ringfs.repair;

import org.ringfs.api.BlockService;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.RingFsException;
import org.ringfs.placement.Placement;

import java.util.List;

/**
 * The data servers as a reader or repairer reaches them: the ring, where each block belongs, and a
 * {@link BlockService} per server. Implemented by the client's view of the cluster map.
 */
public interface ServerDirectory {

    /** The cluster map the ring and placement come from (its ring history and epochs). */
    ClusterMap map() throws RingFsException;

    /** The ring's server names, in ring order. */
    List<String> ring() throws RingFsException;

    /** Placement over the current ring; UNAVAILABLE when the ring has too few servers. */
    Placement placement() throws RingFsException;

    /** The server's block service; UNAVAILABLE when the cluster map gives it no address. */
    BlockService service(String server) throws RingFsException;

    /** A call to {@code server} failed: the next lookup refreshes the cluster map (it may have moved). */
    void reportFailure(String server);
}
