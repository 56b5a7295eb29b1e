package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.stat(path) -> InodeAttributes} */
final class StatHandler extends MetaOperation {
    StatHandler(MetaService meta) { super(MetaMethods.STAT, 1, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.stat(p.string(0)).toWire();
    }
}
