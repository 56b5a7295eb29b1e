package org.ringfs.meta.rpc;

import org.ringfs.api.DavLock;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.Wire;

/** {@code ringfs.locks(path, below) -> DavLock[]} */
final class LocksHandler extends MetaOperation {
    LocksHandler(MetaService meta) { super(MetaMethods.LOCKS, 2, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return Wire.array(meta.locks(p.string(0), p.bool(1)), DavLock::toWire);
    }
}
