package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.statfs() -> StatFs} */
final class StatFsHandler extends MetaOperation {
    StatFsHandler(MetaService meta) { super(MetaMethods.STATFS, 0, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.statfs().toWire();
    }
}
