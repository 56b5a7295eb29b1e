package org.ringfs.meta.rpc;

import org.ringfs.api.Heartbeat;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.heartbeat(Heartbeat) -> HeartbeatReply} */
final class HeartbeatHandler extends MetaOperation {
    HeartbeatHandler(MetaService meta) { super(MetaMethods.HEARTBEAT, 1, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.heartbeat(Heartbeat.fromWire(p.raw(0))).toWire();
    }
}
