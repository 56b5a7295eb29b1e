package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.clusterMap() -> ClusterMap} */
final class ClusterMapHandler extends MetaOperation {
    ClusterMapHandler(MetaService meta) { super(MetaMethods.CLUSTER_MAP, 0, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.clusterMap().toWire();
    }
}
